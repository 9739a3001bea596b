import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { exchangeDecider, type ExchangeCommand } from '../../domain/exchanges';
import { CommandDepsProvider } from '../commands/command-deps.provider';
import { commandIds } from '../commands/command-ids';
import { handleCommand } from '../commands/handle-command';
import { CooperationFacts } from '../cooperation/cooperation-facts';
import { streams } from '../cooperation/streams';
import { ExchangeStepMessage, ProposeExchangeMessage } from './exchange.messages';

const exchangeStream = streams.exchange;

@CommandHandler(ProposeExchangeMessage)
export class ProposeExchangeHandler implements ICommandHandler<ProposeExchangeMessage> {
  constructor(
    private readonly deps: CommandDepsProvider,
    private readonly facts: CooperationFacts,
  ) {}

  async execute({ data, context }: ProposeExchangeMessage) {
    const exchangeId = commandIds(this.deps.ids, context.idempotencySeed).aggregateId();
    const parties = [context.actor.library, data.counterpart].filter((isil): isil is string => typeof isil === 'string');
    const [agreement, standings] = await Promise.all([this.facts.agreement(data.agreementId), this.facts.standings(parties)]);
    const result = await handleCommand(
      this.deps,
      exchangeStream(exchangeId),
      exchangeDecider,
      (now): ExchangeCommand => ({
        type: 'ProposeExchange',
        data: { ...data, exchangeId, agreement, standings },
        metadata: { now, actor: context.actor },
      }),
      context,
      { opensMintedStream: true },
    );
    return { ...result, exchangeId };
  }
}

@CommandHandler(ExchangeStepMessage)
export class ExchangeStepHandler implements ICommandHandler<ExchangeStepMessage> {
  constructor(private readonly deps: CommandDepsProvider) {}

  execute({ command, context }: ExchangeStepMessage) {
    return handleCommand(
      this.deps,
      exchangeStream(command.data.exchangeId),
      exchangeDecider,
      (now) => ({ ...command, metadata: { now, actor: context.actor } }) as ExchangeCommand,
      context,
    );
  }
}

export const EXCHANGE_HANDLERS = [ProposeExchangeHandler, ExchangeStepHandler];
