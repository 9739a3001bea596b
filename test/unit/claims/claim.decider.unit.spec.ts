import { decidedBy, deciderSpec } from '../../support/decider-spec';
import {
  AgreementDoesNotCover, AgreementNotFound, AgreementNotInForce, NotAMember, PartnerNotActive,
} from '../../../src/domain/shared/cooperation';
import { NoActingLibrary } from '../../../src/domain/shared/acting';
import { fold } from '../../../src/domain/shared/decider';
import { InvalidValue } from '../../../src/domain/shared/errors';
import {
  CannotTransferToSelf, ClaimChangedMeanwhile, ClaimLapsed, ClaimNotFound, ClaimNotYetDue, NoActiveClaim,
  NotTheClaimScheduler, NotTheClaimant, TitleAlreadyClaimed, TitleAlreadyHeld, claimDecider,
  type ClaimAcquisition, type ClaimCommand, type ClaimEvent,
} from '../../../src/domain/claims';
import { MEDAN, PALEMBANG, agreement, standings } from '../shared/agreement.fixtures';
import {
  AT, CLAIMANT, EXPIRES_ON, ISBN, ISBN_10, RIVAL, THIRD, claimAcquisition, claimed, expireClaim, expired,
  flagClaim, flagged, fulfilClaim, fulfilled, keys, releaseClaim, released, title, transferClaim, transferred,
} from './claim.fixtures';

const given = deciderSpec(claimDecider);

type As = Parameters<typeof claimAcquisition>[0];

const CLAIMED: ClaimEvent[] = [claimed];
const TRANSFERRED: ClaimEvent[] = [claimed, transferred];

const decided = decidedBy(claimDecider);

const refusal = (events: readonly ClaimEvent[], command: ClaimCommand): unknown => {
  try {
    claimDecider.decide(command, fold(claimDecider, events));
  } catch (error) {
    return error;
  }
  throw new Error(`${command.type} was not refused`);
};

/** A rival's claim on the title, made on 10 April while the first claim holds. */
const rivalClaim = (data: Partial<ClaimAcquisition['data']> = {}) => claimAcquisition({ by: RIVAL, now: AT.transferred }, data);

describe('ClaimAcquisition', () => {
  it('records the claim, holding the title for the agreement’s claim hold days', () =>
    given([]).when(claimAcquisition()).then([claimed]));

  it('keys the claim by ISBN-13 whatever form the ISBN was given in', () =>
    given([]).when(claimAcquisition({ by: 'id-jkpnri' }, { isbn: ISBN_10 })).then([claimed]));

  it('flags a title outside the claimant’s division of labour', () =>
    given([]).when(claimAcquisition({}, { subjects: ['020', '025.4'] })).then([{
      type: 'AcquisitionClaimed',
      data: {
        ...keys, claimant: CLAIMANT, title, subjects: ['020', '025.4'], claimedAt: AT.claimed.toISOString(),
        expiresOn: EXPIRES_ON, outsideDivisionOfLabour: true,
      },
    }]));

  it('counts a title inside the division of labour when any one of its subjects is', () =>
    expect(decided([], claimAcquisition({}, { subjects: ['020', '780.92'] })))
      .toMatchObject([{ data: { outsideDivisionOfLabour: false } }]));

  it('does not flag a title whose subjects are unknown', () =>
    given([]).when(claimAcquisition({}, { subjects: undefined })).then([{
      type: 'AcquisitionClaimed',
      data: {
        ...keys, claimant: CLAIMANT, title, claimedAt: AT.claimed.toISOString(), expiresOn: EXPIRES_ON,
        outsideDivisionOfLabour: false,
      },
    }]));

  it('flags every title with subjects for a claimant that collects none', () =>
    expect(decided([], claimAcquisition({ by: THIRD }))).toMatchObject([{ data: { claimant: THIRD, outsideDivisionOfLabour: true } }]));

  it('takes the hold days from the agreement', () =>
    expect(decided([], claimAcquisition({}, { agreement: agreement({ terms: { ...agreement().terms, claimHoldDays: 30 } }) })))
      .toMatchObject([{ data: { expiresOn: '2025-04-02' } }]));

  describe('one active claim per title', () => {
    it('refuses a title another library has claimed', () =>
      given(CLAIMED).when(rivalClaim()).thenThrows(TitleAlreadyClaimed));

    it('names the library holding the claim, in the message and as a property', () =>
      expect(refusal(CLAIMED, rivalClaim())).toMatchObject({
        code: 'title-already-claimed', kind: 'rule', field: 'isbn', claimant: CLAIMANT, expiresOn: EXPIRES_ON,
        message: expect.stringContaining(CLAIMANT),
      }));

    it('names the library a claim was transferred to', () =>
      expect(refusal(TRANSFERRED, rivalClaim())).toMatchObject({ claimant: THIRD, message: expect.stringContaining(THIRD) }));

    it('claims it anyway with an override reason, replacing the earlier claim', () =>
      given(CLAIMED).when(rivalClaim({ subjects: ['025'], overrideReason: 'Our copy is for the legal deposit' })).then([{
        type: 'AcquisitionClaimed',
        data: {
          ...keys, claimant: RIVAL, title, subjects: ['025'], claimedAt: AT.transferred.toISOString(), expiresOn: '2025-07-09',
          outsideDivisionOfLabour: false, overrideReason: 'Our copy is for the legal deposit', supersedes: CLAIMANT,
        },
      }]));

    it('refuses the claimant claiming its own title again, even with an override', () =>
      given(CLAIMED).when(claimAcquisition({ now: AT.transferred }, { overrideReason: 'To hold it longer' }))
        .thenThrows(TitleAlreadyClaimed));

    it('refuses on the claim’s last day', () =>
      given(CLAIMED).when(claimAcquisition({ by: RIVAL, now: AT.lastDay })).thenThrows(TitleAlreadyClaimed));

    it('lets the title be claimed again once released', () =>
      expect(decided([claimed, released], rivalClaim())).toMatchObject([{ type: 'AcquisitionClaimed', data: { claimant: RIVAL } }]));

    it('lets the title be claimed again once expired', () =>
      expect(decided([claimed, expired], claimAcquisition({ by: RIVAL, now: AT.later })))
        .toMatchObject([{ type: 'AcquisitionClaimed', data: { claimant: RIVAL, expiresOn: '2025-09-08' } }]));

    it('records a lapsed claim’s expiry first when the scheduler has not yet done so', () =>
      given(CLAIMED).when(claimAcquisition({ by: RIVAL, now: AT.later })).then([
        { type: 'AcquisitionClaimExpired', data: { ...keys, claimant: CLAIMANT, expiresOn: EXPIRES_ON, expiredAt: AT.later.toISOString() } },
        {
          type: 'AcquisitionClaimed',
          data: {
            ...keys, claimant: RIVAL, title, subjects: ['530.4'], claimedAt: AT.later.toISOString(), expiresOn: '2025-09-08',
            outsideDivisionOfLabour: true,
          },
        },
      ]));
  });

  describe('a title already held in the network', () => {
    it('refuses a title partners hold, naming them', () => {
      given([]).when(claimAcquisition({}, { heldBy: ['id-bdgkota', MEDAN] })).thenThrows(TitleAlreadyHeld);
      expect(refusal([], claimAcquisition({}, { heldBy: ['id-bdgkota', MEDAN] }))).toMatchObject({
        code: 'title-already-held', kind: 'rule', field: 'isbn', holders: [RIVAL, MEDAN],
        message: expect.stringContaining(`${RIVAL}, ${MEDAN}`),
      });
    });

    it('refuses a title bought under an earlier claim, naming the buyer', () => {
      given([claimed, fulfilled]).when(claimAcquisition({ by: RIVAL, now: AT.later })).thenThrows(TitleAlreadyHeld);
      expect(refusal([claimed, fulfilled], claimAcquisition({ by: RIVAL, now: AT.later }))).toMatchObject({ holders: [CLAIMANT] });
    });

    it('names each holder once', () =>
      expect(refusal([claimed, fulfilled], claimAcquisition({ by: RIVAL, now: AT.later }, { heldBy: [CLAIMANT, MEDAN] })))
        .toMatchObject({ holders: [CLAIMANT, MEDAN] }));

    it('claims it anyway with an override reason', () =>
      given([]).when(claimAcquisition({}, { heldBy: [MEDAN], overrideReason: 'Their copy is reference only' })).then([{
        ...claimed, data: { ...claimed.data, overrideReason: 'Their copy is reference only' },
      }]));

    it('checks the active claim before the holdings', () =>
      given(CLAIMED).when(rivalClaim({ heldBy: [MEDAN] })).thenThrows(TitleAlreadyClaimed));
  });

  it.each<[string, Partial<ClaimAcquisition['data']>]>([
    ['isbn', { isbn: '9780306406158' }],
    ['isbn', { isbn: 'Max Havelaar' }],
    ['title', { title: ' ' }],
    ['subjects[1]', { subjects: ['530', ''] }],
    ['subjects[0]', { subjects: ['5'] }],
    ['subjects', { subjects: '530' as unknown as string[] }],
    ['heldBy[0]', { heldBy: ['Bandung'] }],
    ['overrideReason', { overrideReason: '  ' }],
    ['agreementId', { agreementId: '' }],
  ])('refuses bad input, naming %s', (field, data) => {
    given([]).when(claimAcquisition({}, data)).thenThrows(InvalidValue);
    expect(refusal([], claimAcquisition({}, data))).toMatchObject({ code: 'invalid-value', field });
  });

  it('needs a library to act', () =>
    given([]).when(claimAcquisition({ actor: { role: 'coordinator' } })).thenThrows(NoActingLibrary));

  it.each<[string, As, Partial<ClaimAcquisition['data']>, new (...args: never[]) => Error]>([
    ['no agreement', {}, { agreement: null }, AgreementNotFound],
    ['an agreement without acquisitions', {}, { agreement: agreement({ forms: ['loans'] }) }, AgreementDoesNotCover],
    ['a terminated agreement', {}, { agreement: agreement({ terminated: true }) }, AgreementNotInForce],
    ['a claimant outside the agreement', { by: PALEMBANG }, {}, NotAMember],
    ['a suspended claimant', {}, { standings: standings({ [CLAIMANT]: 'suspended' }) }, PartnerNotActive],
  ])('refuses %s', (_, as, data, error) => given([]).when(claimAcquisition(as, data)).thenThrows(error));
});

describe('ReleaseAcquisitionClaim', () => {
  it('lets the claimant release its claim, with a reason', () =>
    given(CLAIMED).when(releaseClaim({}, 'Budget spent')).then([released]));
  it('records a release without a reason', () =>
    given(CLAIMED).when(releaseClaim()).then([{
      type: 'AcquisitionClaimReleased', data: { ...keys, claimant: CLAIMANT, releasedAt: AT.released.toISOString() },
    }]));
  it('lets the library a claim was transferred to release it', () =>
    expect(decided(TRANSFERRED, releaseClaim({ by: THIRD }))).toMatchObject([{ data: { claimant: THIRD } }]));
  it('lets only the claimant release', () => given(CLAIMED).when(releaseClaim({ by: RIVAL })).thenThrows(NotTheClaimant));
  it('refuses the former claimant after a transfer', () => given(TRANSFERRED).when(releaseClaim()).thenThrows(NotTheClaimant));
  it('refuses releasing twice', () => given([claimed, released]).when(releaseClaim()).thenThrows(NoActiveClaim));
  it('refuses a title never claimed', () => given([]).when(releaseClaim()).thenThrows(ClaimNotFound));
  it('releases a claim on its last day', () =>
    expect(decided(CLAIMED, releaseClaim({ now: AT.lastDay }))).toMatchObject([{ type: 'AcquisitionClaimReleased' }]));
  it('refuses a claim past its last day, even before the scheduler has recorded its expiry: it counts as lapsed, not released', () =>
    expect(refusal(CLAIMED, releaseClaim({ now: AT.expired }))).toMatchObject({ code: 'claim-lapsed', kind: 'rule', field: 'isbn' }));
});

describe('TransferAcquisitionClaim', () => {
  it('moves the claim to another active library, keeping its expiry', () =>
    given(CLAIMED).when(transferClaim()).then([transferred]));
  it('normalises the ISIL of the library it goes to', () =>
    given(CLAIMED).when(transferClaim({}, { to: 'id-sbykota' })).then([transferred]));
  it('lets only the claimant transfer', () => given(CLAIMED).when(transferClaim({ by: RIVAL })).thenThrows(NotTheClaimant));
  it('refuses transferring to the claimant itself', () =>
    given(CLAIMED).when(transferClaim({}, { to: 'id-jkpnri' })).thenThrows(CannotTransferToSelf));
  it('refuses a library that is suspended', () =>
    given(CLAIMED).when(transferClaim({}, { standings: standings({ [THIRD]: 'suspended' }) })).thenThrows(PartnerNotActive));
  it('refuses a library that is not registered', () =>
    given(CLAIMED).when(transferClaim({}, { standings: standings({ [THIRD]: undefined }) })).thenThrows(PartnerNotActive));
  it('refuses a claim that has lapsed', () =>
    given(CLAIMED).when(transferClaim({ now: AT.later })).thenThrows(ClaimLapsed));
  it('refuses a title with no active claim', () => given([claimed, released]).when(transferClaim()).thenThrows(NoActiveClaim));
  it('needs an ISIL to transfer to', () =>
    expect(refusal(CLAIMED, transferClaim({}, { to: 'Surabaya' }))).toMatchObject({ code: 'invalid-value', field: 'to' }));

  describe('under the claim’s agreement', () => {
    it('refuses an active partner that is not a member of it', () =>
      given(CLAIMED).when(transferClaim({}, { to: PALEMBANG })).thenThrows(NotAMember));
    it('refuses a member that has withdrawn from it', () =>
      given(CLAIMED).when(transferClaim({}, { agreement: agreement({ members: [CLAIMANT, RIVAL, MEDAN] }) })).thenThrows(NotAMember));
    it('lets a claimant that has withdrawn from it hand its claim on to a member', () =>
      given(CLAIMED).when(transferClaim({}, { agreement: agreement({ members: [RIVAL, THIRD, MEDAN] }) })).then([transferred]));
    it.each([
      ['terminated', agreement({ terminated: true }), AgreementNotInForce],
      ['ended', agreement({ endsOn: '2025-03-31' }), AgreementNotInForce],
      ['no longer covering acquisitions', agreement({ forms: ['loans'] }), AgreementDoesNotCover],
      ['not found', null, AgreementNotFound],
    ] as const)('refuses a transfer under an agreement %s', (_, facts, error) =>
      given(CLAIMED).when(transferClaim({}, { agreement: facts })).thenThrows(error));
    it('refuses to decide on the facts of another agreement than the claim’s', () =>
      given(CLAIMED).when(transferClaim({}, { agreement: agreement({ agreementId: 'agr-2' }) })).thenThrows(ClaimChangedMeanwhile));
  });
});

describe('FulfilAcquisitionClaim', () => {
  it('records the claimant buying its copy', () => given(CLAIMED).when(fulfilClaim()).then([fulfilled]));
  it('lets the library a claim was transferred to fulfil it', () =>
    given(TRANSFERRED).when(fulfilClaim({ by: THIRD })).then([{
      type: 'AcquisitionFulfilled', data: { ...keys, claimant: THIRD, title, fulfilledAt: AT.fulfilled.toISOString() },
    }]));
  it('lets only the claimant fulfil', () => given(CLAIMED).when(fulfilClaim({ by: RIVAL })).thenThrows(NotTheClaimant));
  it('refuses fulfilling twice', () => given([claimed, fulfilled]).when(fulfilClaim()).thenThrows(NoActiveClaim));
  it('refuses a title never claimed', () => given([]).when(fulfilClaim()).thenThrows(ClaimNotFound));
  it('fulfils a claim on its last day', () =>
    expect(decided(CLAIMED, fulfilClaim({ now: AT.lastDay }))).toMatchObject([{ type: 'AcquisitionFulfilled' }]));
  it('refuses a claim past its last day, as a transfer is, even before the scheduler has recorded its expiry', () =>
    given(CLAIMED).when(fulfilClaim({ now: AT.expired })).thenThrows(ClaimLapsed));
});

describe('FlagClaimHeldElsewhere', () => {
  it('flags an active claim with the other libraries that hold the title', () =>
    given(CLAIMED).when(flagClaim([RIVAL, THIRD])).then([flagged([RIVAL, THIRD])]));

  it('flags each holder once, whichever side of a race sends it', () =>
    given([...CLAIMED, flagged([RIVAL])]).when(flagClaim([THIRD, RIVAL])).then([flagged([THIRD])]));

  it('never flags the claimant as holding its own claimed title', () =>
    given(CLAIMED).when(flagClaim([CLAIMANT.toLowerCase()])).then([]));

  it('flags the current claimant of a transferred claim', () =>
    given(TRANSFERRED).when(flagClaim([RIVAL])).then([flagged([RIVAL], THIRD)]));

  it.each<[string, ClaimEvent[]]>([['released', [claimed, released]], ['fulfilled', [claimed, fulfilled]], ['never made', []]])(
    'records nothing for a claim %s', (_, history) => given(history).when(flagClaim([RIVAL])).then([]));

  it('is for the service alone', () =>
    given(CLAIMED).when(flagClaim([RIVAL], { actor: { role: 'librarian', library: RIVAL } })).thenThrows(NotTheClaimScheduler));
});

describe('ExpireAcquisitionClaim', () => {
  it('records a claim expired once its last day has passed', () => given(CLAIMED).when(expireClaim()).then([expired]));

  it('records it exactly once when the scheduler runs twice', () => {
    const first = decided(CLAIMED, expireClaim());
    expect(first).toEqual([expired]);
    given([...CLAIMED, ...first]).when(expireClaim({ now: AT.later })).then([]);
  });

  it('expires a transferred claim on the original day, in the name of its current claimant', () =>
    given(TRANSFERRED).when(expireClaim()).then([{ ...expired, data: { ...expired.data, claimant: THIRD } }]));

  it.each<[string, ClaimEvent[]]>([
    ['released', [claimed, released]],
    ['fulfilled', [claimed, fulfilled]],
    ['transferred and expired', [claimed, transferred, { ...expired, data: { ...expired.data, claimant: THIRD } }]],
  ])('does nothing for a claim already %s', (_, history) => given(history).when(expireClaim()).then([]));

  it('refuses on the claim’s last day', () =>
    given(CLAIMED).when(expireClaim({ now: AT.lastDay })).thenThrows(ClaimNotYetDue));
  it('refuses a title never claimed', () => given([]).when(expireClaim()).thenThrows(ClaimNotFound));
  it.each([CLAIMANT, RIVAL])('is not for a library to send (%s)', (library) =>
    given(CLAIMED).when(expireClaim({ actor: { role: 'librarian', library } })).thenThrows(NotTheClaimScheduler));
  it('is not for a coordinator to send', () =>
    given(CLAIMED).when(expireClaim({ actor: { role: 'coordinator' } })).thenThrows(NotTheClaimScheduler));
});

describe('evolve', () => {
  it('keeps the active claim', () =>
    expect(fold(claimDecider, TRANSFERRED)).toEqual({
      isbn: ISBN, active: { claimant: THIRD, agreementId: keys.agreementId, expiresOn: EXPIRES_ON, title, heldElsewhere: [] }, fulfilledBy: [],
    }));
  it('keeps the holders flagged on the active claim', () =>
    expect(fold(claimDecider, [claimed, flagged([RIVAL]), flagged([THIRD])]).active).toMatchObject({ heldElsewhere: [RIVAL, THIRD] }));
  it('keeps the libraries that bought the title', () =>
    expect(fold(claimDecider, [claimed, fulfilled])).toEqual({ isbn: ISBN, active: null, fulfilledBy: [CLAIMANT] }));
  it('starts with no claim', () => expect(fold(claimDecider, [])).toEqual({ isbn: null, active: null, fulfilledBy: [] }));
});

describe('errors', () => {
  it.each<[ClaimEvent[], ClaimCommand, object]>([
    [CLAIMED, releaseClaim({ by: RIVAL }), { code: 'not-the-claimant', kind: 'forbidden', message: expect.stringContaining(CLAIMANT) }],
    [[], releaseClaim(), { code: 'claim-not-found', kind: 'not-found', message: expect.stringContaining(ISBN) }],
    [[claimed, released], fulfilClaim(), { code: 'no-active-claim', kind: 'rule' }],
    [CLAIMED, expireClaim({ now: AT.claimed }), { code: 'claim-not-yet-due', kind: 'rule' }],
    [CLAIMED, expireClaim({ actor: { role: 'auditor' } }), { code: 'not-the-scheduler', kind: 'forbidden' }],
    [CLAIMED, transferClaim({ now: AT.later }), { code: 'claim-lapsed', kind: 'rule' }],
    [CLAIMED, transferClaim({}, { to: CLAIMANT }), { code: 'cannot-transfer-claim-to-self', kind: 'rule' }],
    [CLAIMED, transferClaim({}, { to: PALEMBANG }), { code: 'not-a-member', kind: 'forbidden', field: 'to', message: expect.stringContaining(PALEMBANG) }],
    [CLAIMED, transferClaim({}, { standings: standings({ [THIRD]: 'suspended' }) }), { code: 'partner-not-active', kind: 'rule', field: 'to' }],
    [CLAIMED, transferClaim({}, { agreement: agreement({ agreementId: 'agr-2' }) }), { code: 'concurrent-change', kind: 'rule' }],
  ])('carry a stable code and kind (%#)', (history, command, expected) =>
    expect(refusal(history, command)).toMatchObject(expected));
});
