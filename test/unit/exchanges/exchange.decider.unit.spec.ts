import { decidedBy, deciderSpec } from '../../support/decider-spec';
import {
  AgreementDoesNotCover, AgreementNotFound, AgreementNotInForce, NotAMember, PartnerNotActive,
} from '../../../src/domain/shared/cooperation';
import { NoActingLibrary } from '../../../src/domain/shared/acting';
import { fold } from '../../../src/domain/shared/decider';
import { InvalidValue } from '../../../src/domain/shared/errors';
import {
  CLOSED_EXCHANGE_STATUSES, CannotExchangeWithOwnLibrary, ExchangeAlreadyDispatched, ExchangeAlreadyExists,
  ExchangeChangedMeanwhile, ExchangeClosed, ExchangeNotAccepted, ExchangeNotFound, ExchangeNotOneForOne,
  InvalidExchangeTransition, ItemsAlreadyDispatched, ItemsAlreadyReceived, ItemsNotYetDispatched, MAX_EXCHANGE_ITEMS,
  NotAnExchangeParty, NotTheCounterpart, exchangeDecider,
  type ExchangeCommand, type ExchangeEvent, type ProposeExchange,
} from '../../../src/domain/exchanges';
import { PALEMBANG, SURABAYA, agreement, standings } from '../shared/agreement.fixtures';
import {
  AT, COUNTERPART, PROPOSER, acceptExchange, accepted, cancelExchange, cancelled, completed, counterpartDispatched,
  counterpartReceived, declineExchange, declined, dispatchByCounterpart, dispatchByProposer, dispatchItems, exchangeId,
  keys, offeredInput, proposeExchange, proposed, proposerDispatched, proposerReceived, receiveByCounterpart,
  noFacts, receiveByProposer, receiveItems, requestedInput, type Facts,
} from './exchange.fixtures';
import { dayOf } from '../../../src/domain/shared/dates';

const given = deciderSpec(exchangeDecider);

const PROPOSED: ExchangeEvent[] = [proposed];
const ACCEPTED: ExchangeEvent[] = [proposed, accepted];
const PROPOSER_SENT: ExchangeEvent[] = [...ACCEPTED, proposerDispatched];
const BOTH_SENT: ExchangeEvent[] = [...PROPOSER_SENT, counterpartDispatched];
const ONE_RECEIVED: ExchangeEvent[] = [...BOTH_SENT, counterpartReceived];
const COMPLETED: ExchangeEvent[] = [...ONE_RECEIVED, proposerReceived, completed];

const decided = decidedBy(exchangeDecider);

const refusal = (events: readonly ExchangeEvent[], command: ExchangeCommand): unknown => {
  try {
    exchangeDecider.decide(command, fold(exchangeDecider, events));
  } catch (error) {
    return error;
  }
  throw new Error(`${command.type} was not refused`);
};

describe('ProposeExchange', () => {
  it('records the proposal with the actor’s library as proposer, ISBNs as ISBN-13 and the count per side', () =>
    given([]).when(proposeExchange()).then([proposed]));

  it('normalises ISILs to capitals', () =>
    given([]).when(proposeExchange({ by: 'id-jkpnri' }, { counterpart: 'id-bdgkota' })).then([proposed]));

  it('is one for one whatever the pages or price', () =>
    expect(decided([], proposeExchange({}, {
      offered: [{ title: 'Ensiklopedi Nasional Indonesia', pages: 4200, price: { amount: '300.00', currency: 'EUR' } }],
      requested: [{ title: 'Pamflet', pages: 12, price: { amount: '0.50', currency: 'EUR' } }],
    }))).toMatchObject([{ type: 'ExchangeProposed', data: { ...keys, itemCount: 1 } }]));

  it('refuses unequal counts', () =>
    given([]).when(proposeExchange({}, { requested: requestedInput.slice(0, 1) })).thenThrows(ExchangeNotOneForOne));

  it('names the counts and the field when they differ', () =>
    expect(refusal([], proposeExchange({}, { offered: [...offeredInput, { title: 'Saman' }] }))).toMatchObject({
      code: 'exchange-not-one-for-one', kind: 'invalid', field: 'requested',
      message: expect.stringContaining('3 item(s) offered but 2 requested'),
    }));

  it.each<[string, Partial<ProposeExchange['data']>]>([
    ['offered', { offered: [] }],
    ['requested', { requested: [] }],
    ['offered', { offered: Array.from({ length: MAX_EXCHANGE_ITEMS + 1 }, (_, i) => ({ title: `Item ${i}` })) }],
    ['offered[1].title', { offered: [offeredInput[0], { title: '  ' }] }],
    ['requested[0].isbn', { requested: [{ title: 'Laskar Pelangi', isbn: '979-10-90636-07-2' }, requestedInput[1]] }],
    ['offered[0].pages', { offered: [{ title: 'Max Havelaar', pages: 0 }, offeredInput[1]] }],
    ['offered[0].price.amount', { offered: [{ title: 'Max Havelaar', price: { amount: 'free', currency: 'EUR' } }, offeredInput[1]] }],
    ['counterpart', { counterpart: 'Bandung' }],
    ['exchangeId', { exchangeId: '' }],
  ])('refuses bad input, naming %s', (field, data) => {
    given([]).when(proposeExchange({}, data)).thenThrows(InvalidValue);
    expect(refusal([], proposeExchange({}, data))).toMatchObject({ code: 'invalid-value', field });
  });

  it('accepts the largest exchange allowed', () => {
    const side = Array.from({ length: MAX_EXCHANGE_ITEMS }, (_, i) => ({ title: `Item ${i}` }));
    expect(decided([], proposeExchange({}, { offered: side, requested: side })))
      .toMatchObject([{ data: { itemCount: MAX_EXCHANGE_ITEMS } }]);
  });

  it('refuses an exchange id already used', () => given(PROPOSED).when(proposeExchange()).thenThrows(ExchangeAlreadyExists));
  it('needs a library to act', () =>
    given([]).when(proposeExchange({ actor: { role: 'coordinator' } })).thenThrows(NoActingLibrary));
  it('refuses exchanging with one’s own library, whatever the case', () =>
    given([]).when(proposeExchange({}, { counterpart: 'id-jkpnri' })).thenThrows(CannotExchangeWithOwnLibrary));

  it.each<[string, Partial<ProposeExchange['data']>, new (...args: never[]) => Error]>([
    ['no agreement', { agreement: null }, AgreementNotFound],
    ['an agreement without exchanges', { agreement: agreement({ forms: ['loans'] }) }, AgreementDoesNotCover],
    ['a terminated agreement', { agreement: agreement({ terminated: true }) }, AgreementNotInForce],
    ['an agreement that has ended', { agreement: agreement({ endsOn: '2025-02-28' }) }, AgreementNotInForce],
    ['a counterpart outside the agreement', { counterpart: PALEMBANG }, NotAMember],
    ['a suspended counterpart', { standings: standings({ [COUNTERPART]: 'suspended' }) }, PartnerNotActive],
    ['a proposer that has left', { standings: standings({ [PROPOSER]: 'left' }) }, PartnerNotActive],
    ['an unregistered counterpart', { standings: standings({ [COUNTERPART]: undefined }) }, PartnerNotActive],
  ])('refuses %s', (_, data, error) => given([]).when(proposeExchange({}, data)).thenThrows(error));

  it.each<[string, Partial<ProposeExchange['data']>, object]>([
    ['a terminated agreement', { agreement: agreement({ terminated: true }) }, { code: 'agreement-not-in-force', field: 'agreementId' }],
    ['a counterpart outside the agreement', { counterpart: PALEMBANG }, { code: 'not-a-member', field: 'counterpart' }],
    ['a suspended counterpart', { standings: standings({ [COUNTERPART]: 'suspended' }) }, { code: 'partner-not-active', field: 'counterpart' }],
  ])('names the field of %s', (_, data, expected) => expect(refusal([], proposeExchange({}, data))).toMatchObject(expected));

  it('checks the agreement before the items', () =>
    given([]).when(proposeExchange({}, { agreement: null, offered: [] })).thenThrows(AgreementNotFound));
});

describe('AcceptExchange', () => {
  it('records the counterpart’s acceptance', () => given(PROPOSED).when(acceptExchange()).then([accepted]));
  it('lets only the counterpart accept', () =>
    given(PROPOSED).when(acceptExchange({ by: PROPOSER })).thenThrows(NotTheCounterpart));
  it('refuses another library', () => given(PROPOSED).when(acceptExchange({ by: SURABAYA })).thenThrows(NotTheCounterpart));
  it('refuses an actor with no library', () =>
    given(PROPOSED).when(acceptExchange({ actor: { role: 'coordinator' } })).thenThrows(NoActingLibrary));
  it('refuses accepting twice', () => given(ACCEPTED).when(acceptExchange()).thenThrows(InvalidExchangeTransition));
  it('refuses an unknown exchange', () => given([]).when(acceptExchange()).thenThrows(ExchangeNotFound));
});

describe('DeclineExchange', () => {
  it('records the counterpart declining, with its reason', () => given(PROPOSED).when(declineExchange()).then([declined]));
  it('lets only the counterpart decline', () =>
    given(PROPOSED).when(declineExchange({ by: PROPOSER })).thenThrows(NotTheCounterpart));
  it('refuses declining once accepted', () => given(ACCEPTED).when(declineExchange()).thenThrows(InvalidExchangeTransition));
  it('needs a reason', () =>
    expect(refusal(PROPOSED, declineExchange({}, ' '))).toMatchObject({ code: 'invalid-value', field: 'reason' }));
});

describe('DispatchExchangeItems', () => {
  it('records the proposer sending its side to the counterpart', () =>
    given(ACCEPTED).when(dispatchByProposer()).then([proposerDispatched]));
  it('records the counterpart sending its side to the proposer', () =>
    given(ACCEPTED).when(dispatchByCounterpart()).then([counterpartDispatched]));
  it('lets each side dispatch whatever the other has done', () =>
    given([...ACCEPTED, counterpartDispatched]).when(dispatchByProposer()).then([proposerDispatched]));
  it('refuses dispatching before acceptance', () => given(PROPOSED).when(dispatchByProposer()).thenThrows(ExchangeNotAccepted));
  it('lets each side dispatch once', () => given(PROPOSER_SENT).when(dispatchByProposer()).thenThrows(ItemsAlreadyDispatched));
  it('refuses another library', () => given(ACCEPTED).when(dispatchItems({ by: SURABAYA })).thenThrows(NotAnExchangeParty));
});

describe('ReceiveExchangeItems', () => {
  it('records the counterpart receiving the proposer’s items', () =>
    given(BOTH_SENT).when(receiveByCounterpart()).then([counterpartReceived]));

  it('does not complete the exchange while the other side is still to be received', () =>
    given(PROPOSER_SENT).when(receiveByCounterpart()).then([counterpartReceived]));

  it('completes the exchange with the second receipt, in the same decision', () =>
    given(ONE_RECEIVED).when(receiveByProposer()).then([proposerReceived, completed]));

  it('completes it whichever side is received last', () =>
    given([...BOTH_SENT, proposerReceived]).when(receiveItems({ now: AT.proposerReceived })).then([
      { type: 'ExchangeItemsReceived', data: { ...counterpartReceived.data, receivedAt: AT.proposerReceived.toISOString() } },
      completed,
    ]));

  it('refuses receiving what the other side has not dispatched', () =>
    given(PROPOSER_SENT).when(receiveByProposer()).thenThrows(ItemsNotYetDispatched));
  it('refuses receiving before anything is dispatched', () =>
    given(ACCEPTED).when(receiveByCounterpart()).thenThrows(ItemsNotYetDispatched));
  it('refuses receiving before acceptance', () =>
    given(PROPOSED).when(receiveByCounterpart()).thenThrows(ItemsNotYetDispatched));
  it('lets each side receive once', () =>
    given(ONE_RECEIVED).when(receiveByCounterpart()).thenThrows(ItemsAlreadyReceived));
  it('refuses another library', () => given(BOTH_SENT).when(receiveItems({ by: SURABAYA })).thenThrows(NotAnExchangeParty));
});

describe('CancelExchange', () => {
  it('lets the proposer cancel a proposal', () => given(PROPOSED).when(cancelExchange()).then([cancelled]));
  it('lets the counterpart cancel an accepted exchange before anything is sent', () =>
    given(ACCEPTED).when(cancelExchange({ by: COUNTERPART }, 'Budget cut')).then([{
      type: 'ExchangeCancelled',
      data: { ...keys, cancelledBy: COUNTERPART, reason: 'Budget cut', cancelledAt: AT.accepted.toISOString() },
    }]));
  it('refuses cancelling once one side has dispatched', () =>
    given(PROPOSER_SENT).when(cancelExchange()).thenThrows(ExchangeAlreadyDispatched));
  it('refuses cancelling once the counterpart has dispatched, even for the proposer', () =>
    given([...ACCEPTED, counterpartDispatched]).when(cancelExchange()).thenThrows(ExchangeAlreadyDispatched));
  it('refuses another library', () => given(PROPOSED).when(cancelExchange({ by: SURABAYA })).thenThrows(NotAnExchangeParty));
  it('needs a reason', () =>
    expect(refusal(PROPOSED, cancelExchange({}, ''))).toMatchObject({ code: 'invalid-value', field: 'reason' }));
});

describe('a step that commits proposer and counterpart anew, under the exchange’s agreement as it stands that day', () => {
  const members = (...gone: string[]) => agreement().members.filter((isil) => !gone.includes(isil));
  const COMMITTING: [string, ExchangeEvent[], (facts: Facts) => ExchangeCommand][] = [
    ['AcceptExchange', PROPOSED, (facts) => acceptExchange({}, facts)],
    ['DispatchExchangeItems, the first side sent (the proposer’s)', ACCEPTED, (facts) => dispatchByProposer(facts)],
    ['DispatchExchangeItems, the first side sent (the counterpart’s)', ACCEPTED, (facts) => dispatchByCounterpart(facts)],
  ];

  describe.each(COMMITTING)('%s', (_, history, step) => {
    it.each<[string, Facts, object]>([
      ['the agreement was terminated', { agreement: agreement({ terminated: true }) },
        { code: 'agreement-not-in-force', kind: 'rule', field: 'agreementId', message: expect.stringContaining('terminated') }],
      ['the agreement has ended', { agreement: agreement({ endsOn: '2025-03-02' }) },
        { code: 'agreement-not-in-force', kind: 'rule', field: 'agreementId', message: expect.stringContaining('ended on 2025-03-02') }],
      ['the agreement no longer covers exchanges', { agreement: agreement({ forms: ['loans'] }) },
        { code: 'agreement-does-not-cover', kind: 'rule', field: 'agreementId' }],
      ['the proposer withdrew from the agreement', { agreement: agreement({ members: members(PROPOSER) }) },
        { code: 'not-a-member', kind: 'forbidden', field: 'proposer', message: expect.stringContaining(PROPOSER) }],
      ['the counterpart withdrew from the agreement', { agreement: agreement({ members: members(COUNTERPART) }) },
        { code: 'not-a-member', kind: 'forbidden', field: 'counterpart', message: expect.stringContaining(COUNTERPART) }],
      ['the proposer is suspended', { standings: standings({ [PROPOSER]: 'suspended' }) },
        { code: 'partner-not-active', kind: 'rule', field: 'proposer', message: expect.stringContaining('is suspended') }],
      ['the counterpart has left the network', { standings: standings({ [COUNTERPART]: 'left' }) },
        { code: 'partner-not-active', kind: 'rule', field: 'counterpart', message: expect.stringContaining('has left') }],
    ])('is refused when %s, naming what is wrong', (_why, facts, expected) =>
      expect(refusal(history, step(facts))).toMatchObject(expected));

    it('uses the error types of every act under an agreement', () => {
      given(history).when(step({ agreement: agreement({ terminated: true }) })).thenThrows(AgreementNotInForce);
      given(history).when(step({ agreement: agreement({ forms: ['services'] }) })).thenThrows(AgreementDoesNotCover);
      given(history).when(step({ agreement: agreement({ members: members(COUNTERPART) }) })).thenThrows(NotAMember);
      given(history).when(step({ standings: standings({ [PROPOSER]: 'left' }) })).thenThrows(PartnerNotActive);
    });

    it('is recorded on the agreement’s last day', () =>
      expect(decided(history, step({ agreement: agreement({ endsOn: dayOf(step({}).metadata.now) }) }))).toHaveLength(1));

    it('refuses with concurrent-change when its facts were gathered before the exchange was there', () =>
      expect(refusal(history, step(noFacts))).toMatchObject({ code: 'concurrent-change', kind: 'rule' }));
  });

  it('asks who is acting first: the proposer accepting hears not-the-counterpart, whatever the agreement', () =>
    given(PROPOSED).when(acceptExchange({ by: PROPOSER }, { agreement: agreement({ terminated: true }) })).thenThrows(NotTheCounterpart));

  it('refuses with ExchangeChangedMeanwhile when no standing was gathered for the parties', () =>
    given(PROPOSED).when(acceptExchange({}, noFacts)).thenThrows(ExchangeChangedMeanwhile));
});

describe('a step that winds an exchange down, whatever became of its agreement or its parties', () => {
  const over = { agreement: agreement({ terminated: true }), standings: standings({ [PROPOSER]: 'left', [COUNTERPART]: 'suspended' }) };

  it('always lets the second side be sent, settling what the first opened: no facts needed, none checked', () => {
    given(PROPOSER_SENT).when(dispatchByCounterpart(noFacts)).then([counterpartDispatched]);
    given(PROPOSER_SENT).when(dispatchByCounterpart(over)).then([counterpartDispatched]);
    given([...ACCEPTED, counterpartDispatched]).when(dispatchByProposer(noFacts)).then([proposerDispatched]);
  });

  it.each<[string, ExchangeEvent[], ExchangeCommand, ExchangeEvent[]]>([
    ['declining a proposal', PROPOSED, declineExchange(), [declined]],
    ['cancelling a proposal', PROPOSED, cancelExchange(), [cancelled]],
    ['cancelling an accepted exchange before anything is sent', ACCEPTED, cancelExchange(), [cancelled]],
    ['receiving the side sent', PROPOSER_SENT, receiveByCounterpart(), [counterpartReceived]],
    ['receiving the last side, completing the exchange', ONE_RECEIVED, receiveByProposer(), [proposerReceived, completed]],
  ])('allows %s: it carries no agreement and no standing', (_, history, command, events) => {
    expect(command.data).not.toHaveProperty('agreement');
    expect(command.data).not.toHaveProperty('standings');
    given(history).when(command).then(events);
  });

  it('brings an exchange one side has sent under a terminated agreement, with its proposer gone, to completion', () => {
    const rest: [ExchangeCommand, ExchangeEvent[]][] = [
      [dispatchByCounterpart(noFacts), [counterpartDispatched]],
      [receiveByCounterpart(), [counterpartReceived]],
      [receiveByProposer(), [proposerReceived, completed]],
    ];
    rest.reduce<ExchangeEvent[]>((events, [command, expected]) => {
      expect(decided(events, command)).toEqual(expected);
      return [...events, ...expected];
    }, PROPOSER_SENT);
  });

  it('lets an exchange accepted but no longer to be sent be cancelled by either party', () => {
    given(ACCEPTED).when(dispatchByProposer(over)).thenThrows(AgreementNotInForce);
    given(ACCEPTED).when(cancelExchange()).then([cancelled]);
    expect(decided(ACCEPTED, cancelExchange({ by: COUNTERPART }))).toMatchObject([{ type: 'ExchangeCancelled', data: { cancelledBy: COUNTERPART } }]);
  });
});

const CLOSED: [string, ExchangeEvent[]][] = [
  ['completed', COMPLETED],
  ['declined', [proposed, declined]],
  ['cancelled', [proposed, cancelled]],
];

const STEP_COMMANDS: ExchangeCommand[] = [
  acceptExchange(), declineExchange(), dispatchByProposer(), dispatchByCounterpart(), receiveByCounterpart(),
  receiveByProposer(), cancelExchange(),
];

describe('a closed exchange', () => {
  describe.each(CLOSED)('once %s', (_, history) => {
    it.each(STEP_COMMANDS.map((command, i) => [`${command.type} #${i}`, command] as const))('refuses %s', (_type, command) =>
      given(history).when(command).thenThrows(ExchangeClosed));
    it('refuses a new proposal under its id', () => given(history).when(proposeExchange()).thenThrows(ExchangeAlreadyExists));
  });
});

describe('an exchange never proposed', () => {
  it.each(STEP_COMMANDS.map((command, i) => [`${command.type} #${i}`, command] as const))('refuses %s', (_type, command) =>
    given([]).when(command).thenThrows(ExchangeNotFound));
});

describe('a whole exchange', () => {
  it('goes from proposal to completion, each step recording exactly its events', () => {
    const steps: [ExchangeCommand, ExchangeEvent[]][] = [
      [proposeExchange(), [proposed]],
      [acceptExchange(), [accepted]],
      [dispatchByProposer(), [proposerDispatched]],
      [dispatchByCounterpart(), [counterpartDispatched]],
      [receiveByCounterpart(), [counterpartReceived]],
      [receiveByProposer(), [proposerReceived, completed]],
    ];
    const history = steps.reduce<ExchangeEvent[]>((events, [command, expected]) => {
      const recorded = decided(events, command);
      expect(recorded).toEqual(expected);
      return [...events, ...recorded];
    }, []);
    expect(fold(exchangeDecider, history)).toMatchObject({ status: 'completed' });
  });
});

describe('evolve', () => {
  it('folds an exchange’s history into its state', () =>
    expect(fold(exchangeDecider, ONE_RECEIVED)).toEqual({
      status: 'accepted', ...keys, itemCount: 2, dispatchedBy: [PROPOSER, COUNTERPART], receivedBy: [COUNTERPART],
    }));
  it('ignores an event on a stream with no proposal, rather than throwing', () =>
    expect(fold(exchangeDecider, [accepted, proposerDispatched])).toEqual({ status: 'none' }));
  it('lists the closed statuses', () =>
    expect([...CLOSED_EXCHANGE_STATUSES].sort()).toEqual(['cancelled', 'completed', 'declined']));
});

describe('errors', () => {
  it.each<[ExchangeEvent[], ExchangeCommand, object]>([
    [PROPOSED, acceptExchange({ by: PROPOSER }), { code: 'not-the-counterpart', kind: 'forbidden' }],
    [ACCEPTED, dispatchItems({ by: SURABAYA }), { code: 'not-an-exchange-party', kind: 'forbidden' }],
    [[], acceptExchange(), { code: 'exchange-not-found', kind: 'not-found' }],
    [PROPOSED, dispatchByProposer(), { code: 'exchange-not-accepted', kind: 'rule' }],
    [PROPOSER_SENT, cancelExchange(), { code: 'exchange-already-dispatched', kind: 'rule' }],
    [COMPLETED, cancelExchange(), { code: 'exchange-closed', kind: 'rule' }],
    [[], proposeExchange({ actor: { role: 'auditor' } }), { code: 'no-acting-library', kind: 'forbidden' }],
  ])('carry a stable code and kind (%#)', (history, command, expected) =>
    expect(refusal(history, command)).toMatchObject(expected));

  it('name the exchange that was not found', () =>
    expect(refusal([], acceptExchange())).toMatchObject({ message: expect.stringContaining(exchangeId) }));
});
