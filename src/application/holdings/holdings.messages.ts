import { Command } from '@nestjs/cqrs';
import type { HoldingItem } from '../../domain/holdings';
import type { CommandContext, CommandResult } from '../commands/command-context';

/** A title as a library sends it: the ISBN in any form (ISBN-10 or -13, hyphens or not). */
export type HoldingInput = Omit<HoldingItem, 'isbn13'> & { isbn: string };

/** `isil` is the library acted for: the key's own, or any for a coordinator. */
export class RegisterHoldingsMessage extends Command<CommandResult & { isil: string }> {
  constructor(
    readonly isil: string,
    readonly items: readonly HoldingInput[],
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class WithdrawHoldingsMessage extends Command<CommandResult & { isil: string }> {
  constructor(
    readonly isil: string,
    readonly isbns: readonly string[],
    readonly context: CommandContext,
  ) {
    super();
  }
}
