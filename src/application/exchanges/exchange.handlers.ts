import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { exchangeDecider, type ExchangeCommand, type ExchangeEvent, type ExchangeStep } from '../../domain/exchanges';
import type { CoverageFacts } from '../../domain/shared/cooperation';
import { fold } from '../../domain/shared/decider';
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

const NO_FACTS: CoverageFacts = { agreement: null, standings: {} };

@CommandHandler(ExchangeStepMessage)
export class ExchangeStepHandler implements ICommandHandler<ExchangeStepMessage> {
  constructor(
    private readonly deps: CommandDepsProvider,
    private readonly facts: CooperationFacts,
  ) {}

  async execute({ command, context }: ExchangeStepMessage) {
    const { exchangeId } = command.data;
    const committing = command.type === 'AcceptExchange' || command.type === 'DispatchExchangeItems';
    const data = committing ? { ...command.data, ...(await this.coverageFacts(exchangeId, command.type)) } : command.data;
    return handleCommand(
      this.deps,
      exchangeStream(exchangeId),
      exchangeDecider,
      (now) => ({ type: command.type, data, metadata: { now, actor: context.actor } }) as ExchangeCommand,
      context,
    );
  }

  /**
   * The exchange's agreement and the standings of its two libraries: only
   * the exchange's own stream names them. A side sent once the other has
   * been needs none, so none are gathered for it. An exchange not there yet
   * gets none, and should it appear before the step is decided, the decider
   * finds no standing for its parties and refuses.
   */
  private async coverageFacts(exchangeId: string, type: ExchangeStep['type']): Promise<CoverageFacts> {
    const exchange = fold(exchangeDecider, (await this.deps.store.readStream(exchangeStream(exchangeId))) as unknown as ExchangeEvent[]);
    if (exchange.status === 'none') return NO_FACTS;
    if (type === 'DispatchExchangeItems' && exchange.dispatchedBy.length > 0) return NO_FACTS;
    const [agreement, standings] = await Promise.all([
      this.facts.agreement(exchange.agreementId),
      this.facts.standings([exchange.proposer, exchange.counterpart]),
    ]);
    return { agreement, standings };
  }
}

export const EXCHANGE_HANDLERS = [ProposeExchangeHandler, ExchangeStepHandler];
