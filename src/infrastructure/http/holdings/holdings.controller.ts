import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandContext } from '../../../application/commands/command-context';
import { RegisterHoldingsMessage, WithdrawHoldingsMessage } from '../../../application/holdings/holdings.messages';
import { optional } from '../../../domain/shared/input';
import { adding, AnswersCommand } from '../answers';
import { Provenance } from '../auth/command-context.decorator';
import { Roles } from '../auth/roles';
import { BadInput } from '../problem/problem';
import { RegisterHoldingsDto, WithdrawHoldingsDto } from './holdings.dto';

/**
 * The library acted for: a librarian's own (naming another is refused by the
 * domain with 403), or the one a coordinator names.
 */
const libraryOf = (isil: string | undefined, context: CommandContext): string => {
  const library = isil ?? context.actor.library;
  if (library === undefined) throw new BadInput([{ field: 'isil', message: 'isil must name the library whose holdings these are' }]);
  return library;
};

/** Each answer names the library acted for. */
const ACTED_FOR = adding('isil', { type: 'string', description: 'The library whose holdings these are' });

/** Holdings feed the union catalogue; a bulk load of 10,000 titles needs LEDGER_BODY_LIMIT_BYTES raised. */
@Controller('v1/holdings')
export class HoldingsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('librarian', 'coordinator')
  @AnswersCommand('Registered: the HoldingsRegistered event written; its position covers any claim flagged beside it', ACTED_FOR)
  register(@Body() { isil, items }: RegisterHoldingsDto, @Provenance() context: CommandContext) {
    const titles = items.map(({ isbn, title, author, year, subjects, acquiredOn }) => ({
      isbn, title, ...optional('author', author), ...optional('year', year), ...optional('subjects', subjects),
      ...optional('acquiredOn', acquiredOn),
    }));
    return this.commands.execute(new RegisterHoldingsMessage(libraryOf(isil, context), titles, context));
  }

  @Post('withdraw') @HttpCode(200) @Roles('librarian', 'coordinator')
  @AnswersCommand('Withdrawn: the HoldingsWithdrawn event written', ACTED_FOR)
  withdraw(@Body() { isil, isbns }: WithdrawHoldingsDto, @Provenance() context: CommandContext) {
    return this.commands.execute(new WithdrawHoldingsMessage(libraryOf(isil, context), isbns, context));
  }
}
