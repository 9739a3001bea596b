import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { holdingsDecider, type HoldingItem, type HoldingsCommand } from '../../domain/holdings';
import { toIsbn13 } from '../../domain/shared/isbn';
import { CommandDepsProvider } from '../commands/command-deps.provider';
import { handleCommand } from '../commands/handle-command';
import { HeldElsewhere } from '../claims/held-elsewhere';
import { streams } from '../cooperation/streams';
import { RegisterHoldingsMessage, WithdrawHoldingsMessage, type HoldingInput } from './holdings.messages';

/** Every ISBN becomes its ISBN-13 before the decider sees it; a bad one is refused by its place in the list. */
const normalised = (items: readonly HoldingInput[]): HoldingItem[] =>
  items.map(({ isbn, ...item }, index) => ({ ...item, isbn13: toIsbn13(isbn, `items[${index}].isbn`) }));

@CommandHandler(RegisterHoldingsMessage)
export class RegisterHoldingsHandler implements ICommandHandler<RegisterHoldingsMessage> {
  constructor(
    private readonly deps: CommandDepsProvider,
    private readonly heldElsewhere: HeldElsewhere,
  ) {}

  async execute({ isil, items, context }: RegisterHoldingsMessage) {
    const titles = normalised(items);
    const result = await handleCommand(
      this.deps,
      streams.holdings(isil),
      holdingsDecider,
      (now): HoldingsCommand => ({ type: 'RegisterHoldings', data: { isil, items: titles }, metadata: { now, actor: context.actor } }),
      context,
    );
    // A claim that committed beside the registration is flagged before the registration answers, and its position
    // answered: a read with that position (minPosition) sees the flags as well as the holdings.
    const position = await this.heldElsewhere.afterHoldings(isil, titles.map((title) => title.isbn13), result.position!, context);
    return { ...result, position, isil };
  }
}

@CommandHandler(WithdrawHoldingsMessage)
export class WithdrawHoldingsHandler implements ICommandHandler<WithdrawHoldingsMessage> {
  constructor(private readonly deps: CommandDepsProvider) {}

  async execute({ isil, isbns, context }: WithdrawHoldingsMessage) {
    const titles = isbns.map((isbn, index) => toIsbn13(isbn, `isbns[${index}]`));
    const result = await handleCommand(
      this.deps,
      streams.holdings(isil),
      holdingsDecider,
      (now): HoldingsCommand => ({ type: 'WithdrawHoldings', data: { isil, isbns: titles }, metadata: { now, actor: context.actor } }),
      context,
    );
    return { ...result, isil };
  }
}

export const HOLDINGS_HANDLERS = [RegisterHoldingsHandler, WithdrawHoldingsHandler];
