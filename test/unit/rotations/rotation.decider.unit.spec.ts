import { decidedBy, deciderSpec } from '../../support/decider-spec';
import {
  AgreementDoesNotCover, AgreementNotFound, AgreementNotInForce, NotAMember, PartnerNotActive,
} from '../../../src/domain/shared/cooperation';
import { NoActingLibrary } from '../../../src/domain/shared/acting';
import { fold } from '../../../src/domain/shared/decider';
import { InvalidValue } from '../../../src/domain/shared/errors';
import {
  BatchInTransit, BatchNotInTransit, BatchWithOwner, CLOSED_ROTATION_STATUSES, DuplicateRotationItem, HostRepeatedInARow,
  ItemsAlreadyReportedMissing, MAX_ROTATION_ITEMS, NotTheHolder, NotTheOwner, NotTheReceiver, OwnerCannotHost,
  RotationAlreadyDispatched, RotationAlreadyExists, RotationChangedMeanwhile, RotationClosed, RotationNotFound,
  UnknownRotationItems, holderOf, nextLeg, rotationDecider,
  type ExistingRotation, type PlanRotation, type RotationCommand, type RotationEvent,
} from '../../../src/domain/rotations';
import { PALEMBANG, agreement, standings } from '../shared/agreement.fixtures';
import {
  AT, BYSTANDER, FIRST_HOST, OWNER, SECOND_HOST, atFirstHost, atSecondHost, cancelRotation, cancelled, completed,
  dispatchBatch, home, items, itemsInput, itinerary, keys, leftFirstHost, leftOwner, leftSecondHost,
  completedEarly, homeEarly, missingAtFirstHost, noFacts, planRotation, planned, receiveBatch, reportMissing, rotationId,
  sentHomeEarly,
} from './rotation.fixtures';

const given = deciderSpec(rotationDecider);

const PLANNED: RotationEvent[] = [planned];
const LEFT_OWNER: RotationEvent[] = [planned, leftOwner];
const AT_FIRST_HOST: RotationEvent[] = [...LEFT_OWNER, atFirstHost];
const ONE_MISSING: RotationEvent[] = [...AT_FIRST_HOST, missingAtFirstHost];
const LEFT_FIRST_HOST: RotationEvent[] = [...ONE_MISSING, leftFirstHost];
const AT_SECOND_HOST: RotationEvent[] = [...LEFT_FIRST_HOST, atSecondHost];
const ON_WAY_HOME: RotationEvent[] = [...AT_SECOND_HOST, leftSecondHost];
const COMPLETED: RotationEvent[] = [...ON_WAY_HOME, home, completed];

const decided = decidedBy(rotationDecider);

const refusal = (events: readonly RotationEvent[], command: RotationCommand): unknown => {
  try {
    rotationDecider.decide(command, fold(rotationDecider, events));
  } catch (error) {
    return error;
  }
  throw new Error(`${command.type} was not refused`);
};

describe('PlanRotation', () => {
  it('records the plan with the actor’s library as owner and ISBNs as ISBN-13', () =>
    given([]).when(planRotation()).then([planned]));

  it('normalises ISILs to capitals', () =>
    given([]).when(planRotation({ by: 'id-jkpnri' }, {
      itinerary: [{ host: 'id-bdgkota', days: 14 }, { host: 'id-sbykota', days: 21 }],
    })).then([planned]));

  it('lets a host come round again, just not twice in a row', () =>
    expect(decided([], planRotation({}, { itinerary: [...itinerary, { host: FIRST_HOST, days: 7 }] })))
      .toMatchObject([{ type: 'RotationPlanned', data: { itinerary: [...itinerary, { host: FIRST_HOST, days: 7 }] } }]));

  it('refuses the same host twice in a row, naming the stop', () => {
    const twice = { itinerary: [itinerary[0], { host: 'id-bdgkota', days: 3 }] };
    given([]).when(planRotation({}, twice)).thenThrows(HostRepeatedInARow);
    expect(refusal([], planRotation({}, twice))).toMatchObject({ kind: 'invalid', field: 'itinerary[1].host' });
  });

  it('refuses the owner as a host', () => {
    const withOwner = { itinerary: [itinerary[0], { host: OWNER, days: 3 }] };
    given([]).when(planRotation({}, withOwner)).thenThrows(OwnerCannotHost);
    expect(refusal([], planRotation({}, withOwner))).toMatchObject({ kind: 'invalid', field: 'itinerary[1].host' });
  });

  it('refuses an item id listed twice, naming it', () => {
    const twice = { items: [...itemsInput, { itemId: 'JKP-001', title: 'Another copy' }] };
    given([]).when(planRotation({}, twice)).thenThrows(DuplicateRotationItem);
    expect(refusal([], planRotation({}, twice))).toMatchObject({ kind: 'invalid', field: 'items[3].itemId' });
  });

  it.each<[string, Partial<PlanRotation['data']>]>([
    ['itinerary', { itinerary: [] }],
    ['itinerary[0].host', { itinerary: [{ host: 'Bandung', days: 14 }] }],
    ['itinerary[1].days', { itinerary: [itinerary[0], { host: SECOND_HOST, days: 0 }] }],
    ['itinerary[0].days', { itinerary: [{ host: FIRST_HOST, days: 366 }] }],
    ['itinerary[0].days', { itinerary: [{ host: FIRST_HOST, days: 1.5 }] }],
    ['items', { items: [] }],
    ['items', { items: Array.from({ length: MAX_ROTATION_ITEMS + 1 }, (_, i) => ({ itemId: `I-${i}`, title: `Item ${i}` })) }],
    ['items[1].itemId', { items: [itemsInput[0], { itemId: ' ', title: 'Bumi Manusia' }] }],
    ['items[0].title', { items: [{ itemId: 'JKP-001', title: '' }] }],
    ['items[2].isbn', { items: [itemsInput[0], itemsInput[1], { itemId: 'JKP-003', title: 'Laskar Pelangi', isbn: '9791090636072' }] }],
    ['rotationId', { rotationId: '' }],
  ])('refuses bad input, naming %s', (field, data) => {
    given([]).when(planRotation({}, data)).thenThrows(InvalidValue);
    expect(refusal([], planRotation({}, data))).toMatchObject({ code: 'invalid-value', field });
  });

  it('accepts the limits: one host for 1 or 365 days, up to the largest batch', () => {
    const batch = Array.from({ length: MAX_ROTATION_ITEMS }, (_, i) => ({ itemId: `I-${i}`, title: `Item ${i}` }));
    expect(decided([], planRotation({}, { items: batch, itinerary: [{ host: FIRST_HOST, days: 365 }] })))
      .toMatchObject([{ type: 'RotationPlanned', data: { itinerary: [{ host: FIRST_HOST, days: 365 }] } }]);
    expect(decided([], planRotation({}, { itinerary: [{ host: FIRST_HOST, days: 1 }] })))
      .toMatchObject([{ type: 'RotationPlanned', data: { items } }]);
  });

  it('refuses a rotation id already used', () => given(PLANNED).when(planRotation()).thenThrows(RotationAlreadyExists));
  it('needs a library to act', () =>
    given([]).when(planRotation({ actor: { role: 'coordinator' } })).thenThrows(NoActingLibrary));

  it.each<[string, Partial<PlanRotation['data']>, new (...args: never[]) => Error]>([
    ['no agreement', { agreement: null }, AgreementNotFound],
    ['an agreement without rotations', { agreement: agreement({ forms: ['loans', 'exchanges'] }) }, AgreementDoesNotCover],
    ['an agreement not yet started', { agreement: agreement({ startsOn: '2025-06-01' }) }, AgreementNotInForce],
    ['a host outside the agreement', { itinerary: [itinerary[0], { host: PALEMBANG, days: 7 }] }, NotAMember],
    ['a suspended host', { standings: standings({ [SECOND_HOST]: 'suspended' }) }, PartnerNotActive],
    ['an owner that has left', { standings: standings({ [OWNER]: 'left' }) }, PartnerNotActive],
  ])('refuses %s', (_, data, error) => given([]).when(planRotation({}, data)).thenThrows(error));

  it.each<[string, Partial<PlanRotation['data']>, object]>([
    ['a host outside the agreement', { itinerary: [itinerary[0], { host: PALEMBANG, days: 7 }] }, { code: 'not-a-member', field: 'itinerary[1].host' }],
    ['a suspended host', { standings: standings({ [SECOND_HOST]: 'suspended' }) }, { code: 'partner-not-active', field: 'itinerary[1].host' }],
    ['a host at two stops, by its first', {
      itinerary: [{ host: PALEMBANG, days: 7 }, itinerary[0], { host: PALEMBANG, days: 7 }],
    }, { code: 'not-a-member', field: 'itinerary[0].host' }],
    ['an agreement without rotations', { agreement: agreement({ forms: ['loans'] }) }, { code: 'agreement-does-not-cover', field: 'agreementId' }],
    ['a terminated agreement', { agreement: agreement({ terminated: true }) }, { code: 'agreement-not-in-force', field: 'agreementId' }],
  ])('names the field of %s', (_, data, expected) => expect(refusal([], planRotation({}, data))).toMatchObject(expected));

  it('names no field for an owner that has left: the owner is the library acting', () =>
    expect(refusal([], planRotation({}, { standings: standings({ [OWNER]: 'left' }) }))).toEqual(
      expect.not.objectContaining({ field: expect.anything() })));
});

describe('DispatchRotationBatch', () => {
  it('lets the owner send the batch on its first leg', () => given(PLANNED).when(dispatchBatch()).then([leftOwner]));

  it('lets the host holding the batch send it on, without the items reported missing', () =>
    given(ONE_MISSING).when(dispatchBatch({ by: FIRST_HOST, now: AT.leftFirstHost })).then([leftFirstHost]));

  it('sends the batch home from the last host', () =>
    given(AT_SECOND_HOST).when(dispatchBatch({ by: SECOND_HOST, now: AT.leftSecondHost })).then([leftSecondHost]));

  it('lets only the holder dispatch: not a host before the batch reaches it', () =>
    given(PLANNED).when(dispatchBatch({ by: FIRST_HOST })).thenThrows(NotTheHolder));
  it('lets only the holder dispatch: not the owner while a host holds the batch', () =>
    given(AT_FIRST_HOST).when(dispatchBatch()).thenThrows(NotTheHolder));
  it('lets only the holder dispatch: not the next host', () =>
    given(AT_FIRST_HOST).when(dispatchBatch({ by: SECOND_HOST })).thenThrows(NotTheHolder));
  it('refuses dispatching a batch in transit', () =>
    given(LEFT_OWNER).when(dispatchBatch({ by: FIRST_HOST })).thenThrows(BatchInTransit));
  it('refuses dispatching twice', () => given(LEFT_OWNER).when(dispatchBatch()).thenThrows(BatchInTransit));
});

describe('DispatchRotationBatch to a host, under the rotation’s agreement', () => {
  const members = (...left: string[]) => agreement().members.filter((isil) => !left.includes(isil));
  const onToSecondHost = (data: Parameters<typeof dispatchBatch>[1]) => dispatchBatch({ by: FIRST_HOST, now: AT.leftFirstHost }, data);

  it.each<[string, Parameters<typeof dispatchBatch>[1], object]>([
    ['the agreement was terminated', { agreement: agreement({ terminated: true }) },
      { code: 'agreement-not-in-force', kind: 'rule', field: 'agreementId', message: expect.stringContaining('terminated') }],
    ['the agreement has ended', { agreement: agreement({ endsOn: '2025-03-16' }) },
      { code: 'agreement-not-in-force', kind: 'rule', field: 'agreementId', message: expect.stringContaining('ended on 2025-03-16') }],
    ['the agreement no longer covers rotations', { agreement: agreement({ forms: ['loans'] }) },
      { code: 'agreement-does-not-cover', kind: 'rule', field: 'agreementId' }],
    ['the next host withdrew from the agreement', { agreement: agreement({ members: members(SECOND_HOST) }) },
      { code: 'not-a-member', kind: 'forbidden', field: 'itinerary[1].host', message: expect.stringContaining(SECOND_HOST) }],
    ['the owner withdrew from the agreement', { agreement: agreement({ members: members(OWNER) }) },
      { code: 'not-a-member', kind: 'forbidden', field: 'owner', message: expect.stringContaining(OWNER) }],
    ['the next host is suspended', { standings: standings({ [SECOND_HOST]: 'suspended' }) },
      { code: 'partner-not-active', kind: 'rule', field: 'itinerary[1].host', message: expect.stringContaining('suspended') }],
    ['the next host has left the network', { standings: standings({ [SECOND_HOST]: 'left' }) },
      { code: 'partner-not-active', kind: 'rule', field: 'itinerary[1].host', message: expect.stringContaining(`${SECOND_HOST} has left`) }],
    ['the owner is suspended', { standings: standings({ [OWNER]: 'suspended' }) },
      { code: 'partner-not-active', kind: 'rule', field: 'owner' }],
  ])('refuses the leg when %s, naming what is wrong', (_, data, expected) =>
    expect(refusal(ONE_MISSING, onToSecondHost(data))).toMatchObject(expected));

  it('uses the error types of every act under an agreement', () => {
    given(ONE_MISSING).when(onToSecondHost({ agreement: agreement({ terminated: true }) })).thenThrows(AgreementNotInForce);
    given(ONE_MISSING).when(onToSecondHost({ agreement: agreement({ members: members(SECOND_HOST) }) })).thenThrows(NotAMember);
    given(ONE_MISSING).when(onToSecondHost({ standings: standings({ [SECOND_HOST]: 'left' }) })).thenThrows(PartnerNotActive);
  });

  it('checks the first leg as well, the owner’s own dispatch', () =>
    expect(refusal(PLANNED, dispatchBatch({}, { standings: standings({ [FIRST_HOST]: 'suspended' }) })))
      .toMatchObject({ code: 'partner-not-active', field: 'itinerary[0].host' }));

  it('does not ask the host sending the batch on to be active still: it only hands it over', () =>
    given(ONE_MISSING).when(onToSecondHost({ standings: standings({ [FIRST_HOST]: 'left' }) })).then([leftFirstHost]));

  it('lets the batch go on on the agreement’s last day', () =>
    given(ONE_MISSING).when(onToSecondHost({ agreement: agreement({ endsOn: '2025-03-17' }) })).then([leftFirstHost]));

  it('asks who holds the batch first: another library hears not-the-holder, whatever the agreement', () =>
    given(ONE_MISSING).when(dispatchBatch({ by: BYSTANDER }, { agreement: agreement({ terminated: true }) })).thenThrows(NotTheHolder));

  it('always lets the last host send the batch home: no facts needed, none checked', () => {
    given(AT_SECOND_HOST).when(dispatchBatch({ by: SECOND_HOST, now: AT.leftSecondHost }, noFacts)).then([leftSecondHost]);
    given(AT_SECOND_HOST).when(dispatchBatch({ by: SECOND_HOST, now: AT.leftSecondHost }, {
      agreement: agreement({ terminated: true }), standings: standings({ [OWNER]: 'left', [SECOND_HOST]: 'suspended' }),
    })).then([leftSecondHost]);
  });

  it('refuses with concurrent-change when the facts were gathered for another leg (the batch moved on meanwhile), not as a partner never registered', () => {
    given(ONE_MISSING).when(onToSecondHost(noFacts)).thenThrows(RotationChangedMeanwhile);
    expect(refusal(ONE_MISSING, onToSecondHost({ standings: standings({ [SECOND_HOST]: undefined }) })))
      .toMatchObject({ code: 'partner-not-active', message: expect.stringContaining('not a registered partner') });
    const { [SECOND_HOST]: _, ...withoutIt } = standings();
    expect(refusal(ONE_MISSING, onToSecondHost({ standings: withoutIt }))).toMatchObject({ code: 'concurrent-change', kind: 'rule' });
  });

  it('lets the library the batch is on its way to receive it, whatever became of the agreement: receiving asks no facts', () =>
    given(LEFT_FIRST_HOST).when(receiveBatch({ by: SECOND_HOST, now: AT.atSecondHost })).then([atSecondHost]));
});

describe('nextLeg', () => {
  it.each<[string, RotationEvent[], object | undefined]>([
    ['planned', PLANNED, { stage: 0, from: OWNER, to: FIRST_HOST }],
    ['in transit', LEFT_OWNER, undefined],
    ['at the first host', AT_FIRST_HOST, { stage: 1, from: FIRST_HOST, to: SECOND_HOST }],
    ['at the last host', AT_SECOND_HOST, { stage: 2, from: SECOND_HOST, to: OWNER }],
    ['home', COMPLETED, undefined],
    ['cancelled', [planned, cancelled], undefined],
  ])('is the leg the holder would dispatch next when %s', (_, history, leg) =>
    expect(nextLeg(fold(rotationDecider, history) as ExistingRotation)).toEqual(leg));

  it('is the leg home, from the holder, when home is asked for', () =>
    expect(nextLeg(fold(rotationDecider, AT_FIRST_HOST) as ExistingRotation, true)).toEqual({ stage: 2, from: FIRST_HOST, to: OWNER }));
});

describe('DispatchRotationBatch home early', () => {
  const sendHome = (as: Parameters<typeof dispatchBatch>[0] = {}) =>
    dispatchBatch({ by: FIRST_HOST, now: AT.leftFirstHost, ...as }, { ...noFacts, home: true });

  it('lets a host send the batch straight home, leaving out the hosts still ahead, on the leg home', () =>
    given(ONE_MISSING).when(sendHome()).then([sentHomeEarly]));

  it('completes the rotation when the owner receives it, the leg recorded as it ran', () =>
    given([...ONE_MISSING, sentHomeEarly]).when(receiveBatch({ by: OWNER, now: AT.atSecondHost })).then([homeEarly, completedEarly]));

  it('asks nothing of the agreement or the partners, whatever became of them', () =>
    given(ONE_MISSING).when(dispatchBatch({ by: FIRST_HOST, now: AT.leftFirstHost }, {
      home: true, agreement: agreement({ terminated: true }), standings: standings({ [OWNER]: 'left', [FIRST_HOST]: 'suspended' }),
    })).then([sentHomeEarly]));

  it('is the ordinary leg home from the last host', () =>
    given(AT_SECOND_HOST).when(sendHome({ by: SECOND_HOST, now: AT.leftSecondHost })).then([leftSecondHost]));

  it('refuses a batch still with its owner, which cancels instead, naming home', () => {
    given(PLANNED).when(sendHome({ by: OWNER })).thenThrows(BatchWithOwner);
    expect(refusal(PLANNED, sendHome({ by: OWNER }))).toMatchObject({ code: 'batch-with-owner', kind: 'rule', field: 'home' });
  });

  it('lets only the holder send it home, and not while it is in transit', () => {
    given(ONE_MISSING).when(sendHome({ by: OWNER })).thenThrows(NotTheHolder);
    given(ONE_MISSING).when(sendHome({ by: SECOND_HOST })).thenThrows(NotTheHolder);
    given(LEFT_OWNER).when(sendHome()).thenThrows(BatchInTransit);
    given([...ONE_MISSING, sentHomeEarly]).when(sendHome()).thenThrows(BatchInTransit);
  });

  it('leaves the batch to the owner alone: the host left out cannot receive it', () =>
    given([...ONE_MISSING, sentHomeEarly]).when(receiveBatch({ by: SECOND_HOST, now: AT.atSecondHost })).thenThrows(NotTheReceiver));

  it('takes home: false as the next leg', () =>
    given(ONE_MISSING).when(dispatchBatch({ by: FIRST_HOST, now: AT.leftFirstHost }, { home: false })).then([leftFirstHost]));
});

describe('ReceiveRotationBatch', () => {
  it('records the host receiving the batch, due back after its days', () =>
    given(LEFT_OWNER).when(receiveBatch()).then([atFirstHost]));

  it('counts only the items still in the batch', () =>
    given(LEFT_FIRST_HOST).when(receiveBatch({ by: SECOND_HOST, now: AT.atSecondHost })).then([atSecondHost]));

  it('completes the rotation when the owner receives the batch home, in the same decision', () =>
    given(ON_WAY_HOME).when(receiveBatch({ by: OWNER, now: AT.home })).then([home, completed]));

  it('completes with no items missing when none was reported', () => {
    const oneHost = [{ host: FIRST_HOST, days: 14 }];
    const history = [
      { ...planned, data: { ...planned.data, itinerary: oneHost } },
      leftOwner,
      atFirstHost,
      { ...leftFirstHost, data: { ...leftFirstHost.data, to: OWNER, itemCount: 3 } },
    ];
    given(history).when(receiveBatch({ by: OWNER, now: AT.atSecondHost })).then([
      {
        type: 'RotationBatchReceived',
        data: { ...keys, host: OWNER, from: FIRST_HOST, stage: 1, itemCount: 3, receivedAt: AT.atSecondHost.toISOString() },
      },
      { type: 'RotationCompleted', data: { ...keys, missingItemIds: [], completedAt: AT.atSecondHost.toISOString() } },
    ]);
  });

  it('lets only the library the batch is sent to receive it', () =>
    given(LEFT_OWNER).when(receiveBatch({ by: SECOND_HOST })).thenThrows(NotTheReceiver));
  it('refuses the owner receiving a batch on its way to a host', () =>
    given(LEFT_OWNER).when(receiveBatch({ by: OWNER })).thenThrows(NotTheReceiver));
  it('refuses receiving a batch not yet dispatched', () => given(PLANNED).when(receiveBatch()).thenThrows(BatchNotInTransit));
  it('refuses receiving twice', () => given(AT_FIRST_HOST).when(receiveBatch()).thenThrows(BatchNotInTransit));
});

describe('ReportRotationItemsMissing', () => {
  it('lets the host holding the batch report items missing', () =>
    given(AT_FIRST_HOST).when(reportMissing()).then([missingAtFirstHost]));

  it('lets the owner report items missing before the batch leaves', () =>
    given(PLANNED).when(reportMissing({ by: OWNER, now: AT.planned }, ['JKP-003', 'JKP-001'])).then([{
      type: 'RotationItemsReportedMissing',
      data: { ...keys, reportedBy: OWNER, itemIds: ['JKP-003', 'JKP-001'], reportedAt: AT.planned.toISOString() },
    }]));

  it('records an item listed twice once', () =>
    given(AT_FIRST_HOST).when(reportMissing({}, ['JKP-002', 'JKP-002'])).then([missingAtFirstHost]));

  it('lets only the holder report: not the owner while a host holds the batch', () =>
    given(AT_FIRST_HOST).when(reportMissing({ by: OWNER })).thenThrows(NotTheHolder));
  it('lets only the holder report: not another library', () =>
    given(AT_FIRST_HOST).when(reportMissing({ by: BYSTANDER })).thenThrows(NotTheHolder));
  it('refuses a report while the batch is in transit', () =>
    given(LEFT_OWNER).when(reportMissing()).thenThrows(BatchInTransit));
  it('refuses items not in the batch, naming them', () => {
    given(AT_FIRST_HOST).when(reportMissing({}, ['JKP-002', 'JKP-999'])).thenThrows(UnknownRotationItems);
    expect(refusal(AT_FIRST_HOST, reportMissing({}, ['JKP-999'])))
      .toMatchObject({ kind: 'invalid', field: 'itemIds', message: expect.stringContaining('JKP-999') });
  });
  it('refuses items already reported missing', () =>
    given([...LEFT_FIRST_HOST, atSecondHost])
      .when(reportMissing({ by: SECOND_HOST, now: AT.atSecondHost }, ['JKP-002']))
      .thenThrows(ItemsAlreadyReportedMissing));
  it('refuses an empty list', () =>
    expect(refusal(AT_FIRST_HOST, reportMissing({}, []))).toMatchObject({ code: 'invalid-value', field: 'itemIds' }));
});

describe('CancelRotation', () => {
  it('lets the owner cancel before the batch leaves', () => given(PLANNED).when(cancelRotation()).then([cancelled]));
  it('lets only the owner cancel', () => given(PLANNED).when(cancelRotation({ by: FIRST_HOST })).thenThrows(NotTheOwner));
  it('refuses cancelling once the batch has left', () =>
    given(LEFT_OWNER).when(cancelRotation()).thenThrows(RotationAlreadyDispatched));
  it('refuses cancelling while a host holds the batch', () =>
    given(AT_FIRST_HOST).when(cancelRotation()).thenThrows(RotationAlreadyDispatched));
  it('needs a reason', () =>
    expect(refusal(PLANNED, cancelRotation({}, ' '))).toMatchObject({ code: 'invalid-value', field: 'reason' }));
});

describe('a whole rotation', () => {
  it('travels owner → first host → second host → owner, losing one item on the way, and completes', () => {
    const steps: [RotationCommand, RotationEvent[]][] = [
      [planRotation(), [planned]],
      [dispatchBatch(), [leftOwner]],
      [receiveBatch(), [atFirstHost]],
      [reportMissing(), [missingAtFirstHost]],
      [dispatchBatch({ by: FIRST_HOST, now: AT.leftFirstHost }), [leftFirstHost]],
      [receiveBatch({ by: SECOND_HOST, now: AT.atSecondHost }), [atSecondHost]],
      [dispatchBatch({ by: SECOND_HOST, now: AT.leftSecondHost }), [leftSecondHost]],
      [receiveBatch({ by: OWNER, now: AT.home }), [home, completed]],
    ];
    const history = steps.reduce<RotationEvent[]>((events, [command, expected]) => {
      const recorded = decided(events, command);
      expect(recorded).toEqual(expected);
      return [...events, ...recorded];
    }, []);
    expect(fold(rotationDecider, history)).toMatchObject({ status: 'completed', missingItemIds: ['JKP-002'] });
  });
});

const CLOSED: [string, RotationEvent[]][] = [
  ['completed', COMPLETED],
  ['cancelled', [planned, cancelled]],
];

const STEP_COMMANDS: RotationCommand[] = [
  dispatchBatch(), dispatchBatch({ by: SECOND_HOST }), receiveBatch(), receiveBatch({ by: OWNER }),
  reportMissing({ by: OWNER }), cancelRotation(),
];

describe('a closed rotation', () => {
  describe.each(CLOSED)('once %s', (_, history) => {
    it.each(STEP_COMMANDS.map((command, i) => [`${command.type} #${i}`, command] as const))('refuses %s', (_type, command) =>
      given(history).when(command).thenThrows(RotationClosed));
    it('refuses a new plan under its id', () => given(history).when(planRotation()).thenThrows(RotationAlreadyExists));
  });
});

describe('a rotation never planned', () => {
  it.each(STEP_COMMANDS.map((command, i) => [`${command.type} #${i}`, command] as const))('refuses %s', (_type, command) =>
    given([]).when(command).thenThrows(RotationNotFound));
});

describe('evolve and holderOf', () => {
  it('folds a rotation’s history into its state', () =>
    expect(fold(rotationDecider, LEFT_FIRST_HOST)).toEqual({
      status: 'in-transit', ...keys, itinerary, itemIds: ['JKP-001', 'JKP-002', 'JKP-003'],
      missingItemIds: ['JKP-002'], legsDispatched: 2, leg: { from: FIRST_HOST, to: SECOND_HOST },
    }));

  it.each<[string, RotationEvent[], string | undefined]>([
    ['planned', PLANNED, OWNER],
    ['sent home early', [...ONE_MISSING, sentHomeEarly], undefined],
    ['home early', [...ONE_MISSING, sentHomeEarly, homeEarly, completedEarly], OWNER],
    ['on its first leg', LEFT_OWNER, undefined],
    ['at the first host', AT_FIRST_HOST, FIRST_HOST],
    ['at the second host', AT_SECOND_HOST, SECOND_HOST],
    ['on its way home', ON_WAY_HOME, undefined],
    ['home', COMPLETED, OWNER],
  ])('knows who holds the batch when %s', (_, history, holder) =>
    expect(holderOf(fold(rotationDecider, history) as ExistingRotation)).toBe(holder));

  it('ignores an event on a stream with no plan, rather than throwing', () =>
    expect(fold(rotationDecider, [leftOwner, atFirstHost])).toEqual({ status: 'none' }));
  it('lists the closed statuses', () => expect([...CLOSED_ROTATION_STATUSES].sort()).toEqual(['cancelled', 'completed']));
});

describe('errors', () => {
  it.each<[RotationEvent[], RotationCommand, object]>([
    [AT_FIRST_HOST, dispatchBatch(), { code: 'not-the-holder', kind: 'forbidden', message: expect.stringContaining(FIRST_HOST) }],
    [LEFT_OWNER, receiveBatch({ by: SECOND_HOST }), { code: 'not-the-receiver', kind: 'forbidden' }],
    [PLANNED, cancelRotation({ by: FIRST_HOST }), { code: 'not-the-owner', kind: 'forbidden' }],
    [[], dispatchBatch(), { code: 'rotation-not-found', kind: 'not-found', message: expect.stringContaining(rotationId) }],
    [LEFT_OWNER, dispatchBatch({ by: FIRST_HOST }), { code: 'batch-in-transit', kind: 'rule' }],
    [PLANNED, receiveBatch(), { code: 'batch-not-in-transit', kind: 'rule' }],
    [COMPLETED, dispatchBatch(), { code: 'rotation-closed', kind: 'rule' }],
  ])('carry a stable code and kind (%#)', (history, command, expected) =>
    expect(refusal(history, command)).toMatchObject(expected));
});
