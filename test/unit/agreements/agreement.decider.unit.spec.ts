import { deciderSpec } from '../../support/decider-spec';
import { CoordinatorOnly, NotThatLibrary } from '../../../src/domain/shared/acting';
import { PartnerNotActive, type AgreementTerms, type PartnerStanding } from '../../../src/domain/shared/cooperation';

const activeOf = (isils: string[]) => Object.fromEntries(isils.map((isil) => [isil, 'active' as const]));
import { fold } from '../../../src/domain/shared/decider';
import { InvalidValue } from '../../../src/domain/shared/errors';
import {
  AgreementAlreadyExists, AgreementClosed, AgreementEndsBeforeItStarts, AgreementNotFound, AgreementTerminatedAfterItEnded,
  AgreementTerminatedBeforeItStarts, AlreadyAMember, EmptyAmendment, FocalPointCannotWithdraw, FocalPointNotAMember, NotACurrentMember, SubjectsForNonMember,
  TerminationDateInFuture, agreementDecider, agreementFacts, goalRatioAt, type AgreementCommand, type AgreementEvent, type AmendTerms,
  type EstablishAgreement,
} from '../../../src/domain/agreements';
import {
  AT, BANDUNG, COORDINATOR, ENDS_ON, FOCAL, MEDAN, STARTS_ON, SURABAYA, agreementId, amendTerms, amended,
  establishAgreement, established, forms, joinAgreement, joined, librarianOf, subjects, terminateAgreement, terminated,
  terms, withdrawFromAgreement, withdrew,
} from './agreement.fixtures';

const given = deciderSpec(agreementDecider);

const ESTABLISHED: AgreementEvent[] = [established];
const TERMINATED: AgreementEvent[] = [established, terminated];

/** The error a command is refused with, to check what `thenThrows` cannot: its field, code and kind. */
const refusal = (events: readonly AgreementEvent[], command: AgreementCommand): unknown => {
  try {
    agreementDecider.decide(command, fold(agreementDecider, events));
  } catch (error) {
    return error;
  }
  throw new Error(`${command.type} was not refused`);
};

const amendment = (data: Partial<typeof amended.data>): AgreementEvent => ({
  type: 'TermsAmended', data: { ...amended.data, ...data },
});

describe('EstablishAgreement', () => {
  it.each<[string, PartnerStanding | undefined]>([
    ['suspended', 'suspended'],
    ['departed', 'left'],
    ['unregistered', undefined],
  ])('refuses a %s partner as member', (_, standing) =>
    given([]).when(establishAgreement({}, { standings: { ...activeOf([FOCAL, BANDUNG, SURABAYA]), [BANDUNG]: standing } })).thenThrows(PartnerNotActive));

  it('names the member that is not an active partner by its place in members', () =>
    expect(refusal([], establishAgreement({}, { standings: { ...activeOf([FOCAL, BANDUNG, SURABAYA]), [SURABAYA]: 'left' } })))
      .toMatchObject({ code: 'partner-not-active', field: `members[${established.data.members.indexOf(SURABAYA)}]` }));

  it('records the agreement whole', () => given([]).when(establishAgreement()).then([established]));

  it('records an open-ended agreement without a division of labour', () =>
    given([]).when(establishAgreement({}, { endsOn: undefined, subjects: undefined })).then([{
      type: 'AgreementEstablished',
      data: {
        agreementId, title: 'Java inter-library cooperation', focalPoint: FOCAL, members: [FOCAL, BANDUNG, SURABAYA],
        forms, startsOn: STARTS_ON, terms, subjects: {}, establishedAt: AT.established.toISOString(),
      },
    }]));

  it('normalises ISILs, puts forms in their usual order and tidies subjects', () =>
    given([]).when(establishAgreement({}, {
      focalPoint: 'id-jkpnri',
      members: ['id-jkpnri', 'Id-BdgKota', 'ID-SBYKOTA'],
      forms: ['services', 'loans', 'acquisitions'],
      subjects: { 'id-jkpnri': [' 000', '780-789', '000'], 'id-bdgkota': ['5'], 'ID-SBYKOTA': [] },
    })).then([established]));

  it('keeps only the known terms', () =>
    given([]).when(establishAgreement({}, { terms: { ...terms, extra: 'ignored' } as AgreementTerms })).then([established]));

  it('may end on the day it starts', () =>
    given([]).when(establishAgreement({}, { endsOn: STARTS_ON }))
      .thenMatch([{ type: 'AgreementEstablished', data: { startsOn: STARTS_ON, endsOn: STARTS_ON } }]));

  it.each([
    ['the least', { ...terms, loanPeriodDays: 1, maxRenewals: 0, goalRatio: 0.01, claimHoldDays: 1 }],
    ['the most', { ...terms, loanPeriodDays: 365, maxRenewals: 20, goalRatio: 100, claimHoldDays: 3650 }],
  ])('accepts %s the terms allow', (_, allowed) =>
    given([]).when(establishAgreement({}, { terms: allowed })).thenMatch([{ data: { terms: allowed } }]));

  it('is for a coordinator only', () =>
    given([]).when(establishAgreement({ actor: librarianOf(FOCAL) })).thenThrows(CoordinatorOnly));
  it('refuses an id already used', () => given(ESTABLISHED).when(establishAgreement()).thenThrows(AgreementAlreadyExists));
  it('refuses a focal point that is not a member', () =>
    given([]).when(establishAgreement({}, { focalPoint: MEDAN })).thenThrows(FocalPointNotAMember));
  it('refuses an end before the start', () =>
    given([]).when(establishAgreement({}, { endsOn: '2024-12-31' })).thenThrows(AgreementEndsBeforeItStarts));
  it('refuses subjects for a library that is not a member', () =>
    given([]).when(establishAgreement({}, { subjects: { [MEDAN]: ['340'] } })).thenThrows(SubjectsForNonMember));

  it.each<[string, Partial<EstablishAgreement['data']>]>([
    ['agreementId', { agreementId: '' }],
    ['title', { title: ' ' }],
    ['focalPoint', { focalPoint: 'Jakarta' }],
    ['members', { members: [FOCAL] }],
    ['members', { members: [FOCAL, BANDUNG, 'id-bdgkota'] }],
    ['members[1]', { members: [FOCAL, 'Bandung'] }],
    ['forms', { forms: [] }],
    ['forms[1]', { forms: ['loans', 'gifts' as never] }],
    ['forms', { forms: ['loans', 'loans'] }],
    ['startsOn', { startsOn: '2025-02-30' }],
    ['endsOn', { endsOn: '31/12/2027' }],
    ['terms', { terms: undefined }],
    ['terms.loanPeriodDays', { terms: { ...terms, loanPeriodDays: 0 } }],
    ['terms.loanPeriodDays', { terms: { ...terms, loanPeriodDays: 366 } }],
    ['terms.loanPeriodDays', { terms: { ...terms, loanPeriodDays: 14.5 } }],
    ['terms.maxRenewals', { terms: { ...terms, maxRenewals: -1 } }],
    ['terms.maxRenewals', { terms: { ...terms, maxRenewals: 21 } }],
    ['terms.feePerLoan.amount', { terms: { ...terms, feePerLoan: { amount: '-2', currency: 'EUR' } } }],
    ['terms.feePerLoan', { terms: { ...terms, feePerLoan: null as never } }],
    ['terms.lostItemCompensation.currency', { terms: { ...terms, lostItemCompensation: { amount: '45', currency: 'eur' } } }],
    ['terms.goalRatio', { terms: { ...terms, goalRatio: 0 } }],
    ['terms.goalRatio', { terms: { ...terms, goalRatio: -1 } }],
    ['terms.goalRatio', { terms: { ...terms, goalRatio: 100.5 } }],
    ['terms.goalRatio', { terms: { ...terms, goalRatio: Number.NaN } }],
    ['terms.goalRatio', { terms: { ...terms, goalRatio: '1' as never } }],
    ['terms.claimHoldDays', { terms: { ...terms, claimHoldDays: 0 } }],
    ['terms.claimHoldDays', { terms: { ...terms, claimHoldDays: 3651 } }],
    ['subjects', { subjects: [] as never }],
    ['subjects.Jakarta', { subjects: { Jakarta: ['5'] } }],
    ['subjects.id-bdgkota', { subjects: { [BANDUNG]: ['5'], 'id-bdgkota': ['6'] } }],
    ['subjects.ID-BDGKOTA', { subjects: { [BANDUNG]: '5' as never } }],
    ['subjects.ID-BDGKOTA[0]', { subjects: { [BANDUNG]: ['5xx'] } }],
    ['subjects.ID-BDGKOTA[1]', { subjects: { [BANDUNG]: ['5', 'music'] } }],
    ['subjects.ID-BDGKOTA[0]', { subjects: { [BANDUNG]: ['789-780'] } }],
  ])('refuses an invalid %s', (field, data) => {
    given([]).when(establishAgreement({}, data)).thenThrows(InvalidValue);
    expect(refusal([], establishAgreement({}, data))).toMatchObject({ code: 'invalid-value', kind: 'invalid', field });
  });
});

describe('JoinAgreement', () => {
  it('refuses a library that is not an active partner', () =>
    given([established]).when(joinAgreement({}, { subjects: ['340'], standings: { [MEDAN]: 'suspended' } })).thenThrows(PartnerNotActive));

  it('names the library that is not an active partner by isil', () =>
    expect(refusal([established], joinAgreement({}, { subjects: ['340'], standings: { [MEDAN]: 'suspended' } })))
      .toMatchObject({ code: 'partner-not-active', field: 'isil' }));

  it('adds a member with its subjects', () => given(ESTABLISHED).when(joinAgreement()).then([joined]));
  it('adds a member without subjects', () =>
    given(ESTABLISHED).when(joinAgreement({}, { isil: 'id-mdnkota' })).then([{
      type: 'MemberJoined', data: { agreementId, isil: MEDAN, subjects: [], joinedAt: AT.joined.toISOString() },
    }]));
  it('lets a member that withdrew join again', () =>
    given([...ESTABLISHED, withdrew]).when(joinAgreement({}, { isil: BANDUNG, subjects: ['5'] })).then([{
      type: 'MemberJoined', data: { agreementId, isil: BANDUNG, subjects: ['5'], joinedAt: AT.joined.toISOString() },
    }]));
  it('is for a coordinator only', () =>
    given(ESTABLISHED).when(joinAgreement({ actor: librarianOf(MEDAN) })).thenThrows(CoordinatorOnly));
  it('refuses a library already a member', () =>
    given(ESTABLISHED).when(joinAgreement({}, { isil: 'id-bdgkota' })).thenThrows(AlreadyAMember));
  it('refuses an invalid ISIL', () =>
    expect(refusal(ESTABLISHED, joinAgreement({}, { isil: 'Medan' }))).toMatchObject({ code: 'invalid-value', field: 'isil' }));
  it('refuses an invalid subject', () =>
    expect(refusal(ESTABLISHED, joinAgreement({}, { subjects: ['law'] })))
      .toMatchObject({ code: 'invalid-value', field: 'subjects[0]' }));
  it('refuses an unknown agreement', () => given([]).when(joinAgreement()).thenThrows(AgreementNotFound));
  it('refuses a terminated agreement', () => given(TERMINATED).when(joinAgreement()).thenThrows(AgreementClosed));
});

describe('WithdrawFromAgreement', () => {
  it('lets a coordinator record a withdrawal', () => given(ESTABLISHED).when(withdrawFromAgreement()).then([withdrew]));
  it('lets the library withdraw itself, without a reason', () =>
    given(ESTABLISHED).when(withdrawFromAgreement({ actor: librarianOf(BANDUNG) }, { reason: undefined })).then([{
      type: 'MemberWithdrew', data: { agreementId, isil: BANDUNG, withdrawnAt: AT.withdrew.toISOString() },
    }]));
  it('refuses another library’s librarian', () =>
    given(ESTABLISHED).when(withdrawFromAgreement({ actor: librarianOf(SURABAYA) })).thenThrows(NotThatLibrary));
  it('refuses a library that is not a member', () =>
    given(ESTABLISHED).when(withdrawFromAgreement({}, { isil: MEDAN })).thenThrows(NotACurrentMember));
  it('refuses withdrawing twice', () =>
    given([...ESTABLISHED, withdrew]).when(withdrawFromAgreement()).thenThrows(NotACurrentMember));
  it('keeps the focal point while others remain', () =>
    given(ESTABLISHED).when(withdrawFromAgreement({}, { isil: FOCAL })).thenThrows(FocalPointCannotWithdraw));
  it('lets the focal point withdraw last', () =>
    given([
      ...ESTABLISHED, withdrew,
      { type: 'MemberWithdrew', data: { agreementId, isil: SURABAYA, withdrawnAt: AT.withdrew.toISOString() } },
    ]).when(withdrawFromAgreement({}, { isil: FOCAL, reason: undefined })).then([{
      type: 'MemberWithdrew', data: { agreementId, isil: FOCAL, withdrawnAt: AT.withdrew.toISOString() },
    }]));
  it('refuses an unknown agreement', () => given([]).when(withdrawFromAgreement()).thenThrows(AgreementNotFound));
  it('refuses a terminated agreement', () => given(TERMINATED).when(withdrawFromAgreement()).thenThrows(AgreementClosed));
});

describe('AmendTerms', () => {
  it('records the whole of the new terms when one term changes', () =>
    given(ESTABLISHED).when(amendTerms()).then([amended]));

  it('removes a fee given as null', () => {
    const { feePerLoan: _fee, ...withoutFee } = terms;
    given(ESTABLISHED).when(amendTerms({}, { terms: { feePerLoan: null } }))
      .then([amendment({ terms: withoutFee })]);
  });

  it('changes the forms in scope', () =>
    given(ESTABLISHED).when(amendTerms({}, { forms: ['exchanges', 'loans'] }))
      .then([amendment({ forms: ['loans', 'exchanges'], terms, changed: ['forms'] })]));

  it('moves the end date', () =>
    given(ESTABLISHED).when(amendTerms({}, { endsOn: '2026-06-30' }))
      .then([amendment({ endsOn: '2026-06-30', terms, changed: ['endsOn'] })]));

  it('makes the agreement open-ended with endsOn null', () => {
    const { endsOn: _endsOn, ...openEnded } = amended.data;
    given(ESTABLISHED).when(amendTerms({}, { endsOn: null }))
      .then([{ type: 'TermsAmended', data: { ...openEnded, terms, changed: ['endsOn'] } }]);
  });

  it('replaces the subjects of the members named and keeps the others’', () =>
    given(ESTABLISHED).when(amendTerms({}, { subjects: { 'id-bdgkota': ['500', '600'], [SURABAYA]: ['9'] } }))
      .then([amendment({
        terms, subjects: { [FOCAL]: ['000', '780-789'], [BANDUNG]: ['500', '600'], [SURABAYA]: ['9'] }, changed: ['subjects'],
      })]));

  it('clears a member’s subjects with an empty list', () =>
    given(ESTABLISHED).when(amendTerms({}, { subjects: { [BANDUNG]: [] } }))
      .then([amendment({ terms, subjects: { [FOCAL]: ['000', '780-789'] }, changed: ['subjects'] })]));

  it('names another focal point', () =>
    given(ESTABLISHED).when(amendTerms({}, { focalPoint: 'id-sbykota' }))
      .then([amendment({ focalPoint: SURABAYA, terms, changed: ['focalPoint'] })]));

  it('amends several parts at once and says which changed', () =>
    given(ESTABLISHED).when(amendTerms({}, { terms: { goalRatio: 1.5, claimHoldDays: 90 }, forms, endsOn: '2028-12-31' }))
      .then([amendment({ terms: { ...terms, goalRatio: 1.5 }, endsOn: '2028-12-31', changed: ['terms', 'endsOn'] })]));

  it('carries a joined member’s subjects and leaves out a withdrawn one’s', () =>
    given([...ESTABLISHED, joined, withdrew]).when(amendTerms())
      .then([amendment({ subjects: { [FOCAL]: ['000', '780-789'], [MEDAN]: ['340'] } })]));

  it('records nothing when nothing changes', () =>
    given([...ESTABLISHED, amended]).when(amendTerms({}, { terms: { loanPeriodDays: 21 }, forms: ['services', 'acquisitions', 'loans'] }))
      .then([]));

  it('is for a coordinator only', () =>
    given(ESTABLISHED).when(amendTerms({ actor: librarianOf(FOCAL) })).thenThrows(CoordinatorOnly));
  it('needs something to amend', () => given(ESTABLISHED).when(amendTerms({}, {})).thenThrows(EmptyAmendment));
  it('refuses a focal point that is not a member', () =>
    given([...ESTABLISHED, withdrew]).when(amendTerms({}, { focalPoint: BANDUNG })).thenThrows(FocalPointNotAMember));
  it('refuses an end before the start', () =>
    given(ESTABLISHED).when(amendTerms({}, { endsOn: '2024-06-30' })).thenThrows(AgreementEndsBeforeItStarts));
  it('refuses subjects for a library that withdrew', () =>
    given([...ESTABLISHED, withdrew]).when(amendTerms({}, { subjects: { [BANDUNG]: ['5'] } })).thenThrows(SubjectsForNonMember));
  it('refuses an unknown agreement', () => given([]).when(amendTerms()).thenThrows(AgreementNotFound));
  it('refuses a terminated agreement', () => given(TERMINATED).when(amendTerms()).thenThrows(AgreementClosed));

  it.each<[string, Omit<AmendTerms['data'], 'agreementId'>]>([
    ['terms.goalRatio', { terms: { goalRatio: 0 } }],
    ['terms.goalRatio', { terms: { goalRatio: null as never } }],
    ['terms.maxRenewals', { terms: { maxRenewals: 50 } }],
    ['terms.lostItemCompensation.amount', { terms: { lostItemCompensation: { amount: 'lots', currency: 'EUR' } } }],
    ['terms', { terms: 'longer' as never }],
    ['forms', { forms: [] }],
    ['endsOn', { endsOn: '2027-13-01' }],
    ['focalPoint', { focalPoint: 'Jakarta' }],
    ['subjects.ID-BDGKOTA[0]', { subjects: { [BANDUNG]: ['5000'] } }],
  ])('refuses an invalid %s', (field, data) => {
    given(ESTABLISHED).when(amendTerms({}, data)).thenThrows(InvalidValue);
    expect(refusal(ESTABLISHED, amendTerms({}, data))).toMatchObject({ code: 'invalid-value', field });
  });
});

describe('TerminateAgreement', () => {
  it('terminates today by default', () => given(ESTABLISHED).when(terminateAgreement()).then([terminated]));
  it('records an earlier termination date', () =>
    given(ESTABLISHED).when(terminateAgreement({}, { terminatedOn: '2025-06-30' }))
      .then([{ type: 'AgreementTerminated', data: { ...terminated.data, terminatedOn: '2025-06-30' } }]));
  it('is for a coordinator only', () =>
    given(ESTABLISHED).when(terminateAgreement({ actor: librarianOf(FOCAL) })).thenThrows(CoordinatorOnly));
  it('needs a reason', () =>
    expect(refusal(ESTABLISHED, terminateAgreement({}, { reason: '' }))).toMatchObject({ code: 'invalid-value', field: 'reason' }));
  it('refuses a termination date after today', () =>
    given(ESTABLISHED).when(terminateAgreement({}, { terminatedOn: '2025-10-01' })).thenThrows(TerminationDateInFuture));
  it('may be dated the day the agreement started', () =>
    given(ESTABLISHED).when(terminateAgreement({}, { terminatedOn: STARTS_ON }))
      .then([{ type: 'AgreementTerminated', data: { ...terminated.data, terminatedOn: STARTS_ON } }]));
  it.each(['2024-12-31', '0000-01-01'])('refuses a termination dated %s, before the agreement starts', (terminatedOn) =>
    given(ESTABLISHED).when(terminateAgreement({}, { terminatedOn })).thenThrows(AgreementTerminatedBeforeItStarts));
  it('calls off an agreement not started yet, today', () => {
    const before = new Date('2024-12-20T10:00:00.000Z');
    given(ESTABLISHED).when(terminateAgreement({ now: before })).then([{
      type: 'AgreementTerminated', data: { ...terminated.data, terminatedOn: '2024-12-20', terminatedAt: before.toISOString() },
    }]);
    given(ESTABLISHED).when(terminateAgreement({ now: before }, { terminatedOn: '2024-12-19' })).thenThrows(AgreementTerminatedBeforeItStarts);
  });
  describe('of an agreement that ended on 30 June', () => {
    const ENDED: AgreementEvent[] = [established, amendment({ endsOn: '2025-06-30', terms, changed: ['endsOn'] })];
    it('may be dated its last day', () =>
      given(ENDED).when(terminateAgreement({}, { terminatedOn: '2025-06-30' }))
        .thenMatch([{ type: 'AgreementTerminated', data: { terminatedOn: '2025-06-30' } }]));
    it('closes it today by default', () =>
      given(ENDED).when(terminateAgreement()).thenMatch([{ type: 'AgreementTerminated', data: { terminatedOn: '2025-09-30' } }]));
    it('refuses a day between its end and today', () =>
      given(ENDED).when(terminateAgreement({}, { terminatedOn: '2025-07-01' })).thenThrows(AgreementTerminatedAfterItEnded));
  });
  it('refuses a termination date that is not a date', () =>
    expect(refusal(ESTABLISHED, terminateAgreement({}, { terminatedOn: 'yesterday' })))
      .toMatchObject({ code: 'invalid-value', field: 'terminatedOn' }));
  it('refuses terminating twice', () => given(TERMINATED).when(terminateAgreement()).thenThrows(AgreementClosed));
  it('refuses an unknown agreement', () => given([]).when(terminateAgreement()).thenThrows(AgreementNotFound));
});

describe('a terminated agreement', () => {
  it.each<AgreementCommand>([joinAgreement(), withdrawFromAgreement(), amendTerms(), terminateAgreement()])(
    'refuses $type', (command) => given(TERMINATED).when(command).thenThrows(AgreementClosed));
  it('refuses being established again', () =>
    given(TERMINATED).when(establishAgreement()).thenThrows(AgreementAlreadyExists));
});

describe('evolve and agreementFacts', () => {
  it('gives no facts for a stream with no agreement', () => expect(agreementFacts(fold(agreementDecider, []))).toBeNull());

  it('gives the facts of an agreement in force', () =>
    expect(agreementFacts(fold(agreementDecider, ESTABLISHED))).toEqual({
      agreementId, terminated: false, forms, startsOn: STARTS_ON, endsOn: ENDS_ON,
      members: [FOCAL, BANDUNG, SURABAYA], terms, subjects,
    }));

  it('follows members joining and withdrawing, and amendments', () =>
    expect(agreementFacts(fold(agreementDecider, [
      ...ESTABLISHED, joined, withdrew, amendment({ endsOn: undefined, subjects: { [MEDAN]: ['340'] } }),
    ]))).toEqual({
      agreementId, terminated: false, forms, startsOn: STARTS_ON,
      members: [FOCAL, SURABAYA, MEDAN], terms: { ...terms, loanPeriodDays: 21 }, subjects: { [MEDAN]: ['340'] },
    }));

  it('says when an agreement was terminated', () =>
    expect(agreementFacts(fold(agreementDecider, TERMINATED))).toMatchObject({ terminated: true }));

  it('keeps the termination date in the state', () =>
    expect(fold(agreementDecider, TERMINATED)).toMatchObject({ status: 'terminated', terminatedOn: '2025-09-30' }));

  describe('goalRatioAt: an amended goal applies from when it was agreed, never to a period already over', () => {
    const regoaled = fold(agreementDecider, [
      ...ESTABLISHED, amendment({ terms: { ...terms, goalRatio: 2 } }), amendment({ terms: { ...terms, goalRatio: 2, loanPeriodDays: 21 } }),
    ]);
    if (regoaled.status === 'none') throw new Error('no agreement');
    const existing = regoaled;

    it('judges a period that ended before the amendment against the goal agreed before it', () =>
      expect(goalRatioAt(existing, '2025-04-01T00:00:00.000Z')).toBe(1));
    it('judges a period that ends after it against the amended goal', () =>
      expect(goalRatioAt(existing, '2025-04-02T00:00:00.000Z')).toBe(2));
    it('takes the first goal for a period that ended before the agreement was made', () =>
      expect(goalRatioAt(existing, '2024-01-01T00:00:00.000Z')).toBe(1));
    it('records a goal once, not again for an amendment of other terms', () =>
      expect(existing.goalRatios).toEqual([
        { since: AT.established.toISOString(), goalRatio: 1 }, { since: AT.amended.toISOString(), goalRatio: 2 },
      ]));
  });

  it('ignores an event on a stream with no agreement, rather than throwing', () =>
    expect(fold(agreementDecider, [joined, withdrew, amended, terminated])).toEqual({ status: 'none' }));
});

describe('errors', () => {
  it.each<[AgreementEvent[], AgreementCommand, object]>([
    [[], establishAgreement({ actor: librarianOf(FOCAL) }), { code: 'coordinator-only', kind: 'forbidden' }],
    [ESTABLISHED, withdrawFromAgreement({ actor: librarianOf(SURABAYA) }), { code: 'not-that-library', kind: 'forbidden' }],
    [[], joinAgreement(), { code: 'agreement-not-found', kind: 'not-found' }],
    [ESTABLISHED, establishAgreement(), { code: 'agreement-already-exists', kind: 'rule' }],
    [TERMINATED, joinAgreement(), { code: 'agreement-closed', kind: 'rule' }],
    [[], establishAgreement({}, { focalPoint: MEDAN }), { code: 'focal-point-not-a-member', kind: 'invalid', field: 'focalPoint' }],
    [[], establishAgreement({}, { endsOn: '2024-01-01' }), { code: 'agreement-ends-before-it-starts', kind: 'invalid', field: 'endsOn' }],
    [[], establishAgreement({}, { subjects: { [MEDAN]: ['3'] } }), { code: 'subjects-for-non-member', kind: 'invalid', field: `subjects.${MEDAN}` }],
    [ESTABLISHED, joinAgreement({}, { isil: FOCAL }), { code: 'already-a-member', kind: 'rule' }],
    [ESTABLISHED, withdrawFromAgreement({}, { isil: MEDAN }), { code: 'not-a-current-member', kind: 'rule' }],
    [ESTABLISHED, withdrawFromAgreement({ actor: COORDINATOR }, { isil: FOCAL }), { code: 'focal-point-cannot-withdraw', kind: 'rule' }],
    [ESTABLISHED, terminateAgreement({}, { terminatedOn: '2026-01-01' }), { code: 'termination-date-in-future', kind: 'invalid', field: 'terminatedOn' }],
    [ESTABLISHED, terminateAgreement({}, { terminatedOn: '0000-01-01' }), { code: 'agreement-terminated-before-it-starts', kind: 'invalid', field: 'terminatedOn' }],
    [[established, amendment({ endsOn: '2025-06-30' })], terminateAgreement({}, { terminatedOn: '2025-08-01' }), { code: 'agreement-terminated-after-it-ended', kind: 'invalid', field: 'terminatedOn' }],
    [ESTABLISHED, amendTerms({}, {}), { code: 'empty-amendment', kind: 'invalid' }],
  ])('carry a stable code and kind (%#)', (history, command, expected) =>
    expect(refusal(history, command)).toMatchObject(expected));
});
