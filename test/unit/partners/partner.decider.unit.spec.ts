import { deciderSpec } from '../../support/decider-spec';
import { CoordinatorOnly, NotThatLibrary } from '../../../src/domain/shared/acting';
import { fold } from '../../../src/domain/shared/decider';
import { InvalidValue } from '../../../src/domain/shared/errors';
import {
  EmptyProfileUpdate, PartnerAlreadyRegistered, PartnerAlreadySuspended, PartnerHasLeft, PartnerNotFound,
  PartnerNotSuspended, partnerDecider, partnerStanding, type PartnerCommand, type PartnerEvent, type RegisterPartner,
} from '../../../src/domain/partners';
import {
  AT, AUDITOR, COORDINATOR, ISIL, OTHER_LIBRARIAN, OWN_LIBRARIAN, leavePartner, left, profile, profileUpdated,
  registerPartner, registered, reinstatePartner, reinstated, suspendPartner, suspended, updatePartnerProfile,
} from './partner.fixtures';

const given = deciderSpec(partnerDecider);

const ACTIVE: PartnerEvent[] = [registered];
const SUSPENDED: PartnerEvent[] = [registered, suspended];
const LEFT: PartnerEvent[] = [registered, left];

/** The error a command is refused with, to check what `thenThrows` cannot: its field, code and kind. */
const refusal = (events: readonly PartnerEvent[], command: PartnerCommand): unknown => {
  try {
    partnerDecider.decide(command, fold(partnerDecider, events));
  } catch (error) {
    return error;
  }
  throw new Error(`${command.type} was not refused`);
};

describe('RegisterPartner', () => {
  it('registers a partner with its whole profile', () => given([]).when(registerPartner()).then([registered]));

  it('leaves out what was not given and is not the focal point by default', () =>
    given([]).when(registerPartner({}, { country: undefined, city: undefined, contactEmail: undefined, focalPoint: undefined }))
      .then([{
        type: 'PartnerRegistered',
        data: { isil: ISIL, name: profile.name, focalPoint: false, registeredAt: AT.registered.toISOString() },
      }]));

  it('normalises the ISIL and country to capitals and trims the text', () =>
    given([]).when(registerPartner({}, { isil: 'id-jkpnri', country: 'id', name: ` ${profile.name} `, city: 'Jakarta ' }))
      .then([registered]));

  it.each([['a librarian', OWN_LIBRARIAN], ['an auditor', AUDITOR]])('is for a coordinator only, not %s', (_, actor) =>
    given([]).when(registerPartner({ actor })).thenThrows(CoordinatorOnly));

  it('registers a partner once', () => given(ACTIVE).when(registerPartner()).thenThrows(PartnerAlreadyRegistered));
  it('does not register a departed partner again', () =>
    given(LEFT).when(registerPartner()).thenThrows(PartnerAlreadyRegistered));

  it.each<[string, Partial<RegisterPartner['data']>]>([
    ['isil', { isil: 'Perpustakaan Nasional' }],
    ['name', { name: '  ' }],
    ['country', { country: 'IDN' }],
    ['country', { country: '1D' }],
    ['city', { city: '' }],
    ['contactEmail', { contactEmail: 'perpusnas.go.id' }],
    ['focalPoint', { focalPoint: 'yes' as unknown as boolean }],
  ])('refuses an invalid %s', (field, data) => {
    given([]).when(registerPartner({}, data)).thenThrows(InvalidValue);
    expect(refusal([], registerPartner({}, data))).toMatchObject({ code: 'invalid-value', kind: 'invalid', field });
  });
});

describe('UpdatePartnerProfile', () => {
  it('records the changed fields, by the library’s own librarian', () =>
    given(ACTIVE).when(updatePartnerProfile()).then([profileUpdated]));

  it('records the changed fields, by a coordinator', () =>
    given(ACTIVE).when(updatePartnerProfile({ actor: COORDINATOR })).then([profileUpdated]));

  it('leaves out the fields given unchanged', () =>
    given(ACTIVE).when(updatePartnerProfile({}, { name: profile.name, country: 'id', city: 'Bogor' })).then([{
      type: 'PartnerProfileUpdated', data: { isil: ISIL, city: 'Bogor', updatedAt: AT.updated.toISOString() },
    }]));

  it('records nothing when nothing changes', () =>
    given([registered, profileUpdated]).when(updatePartnerProfile()).then([]));

  it('lets a coordinator change the focal point', () =>
    given(ACTIVE).when(updatePartnerProfile({ actor: COORDINATOR }, { focalPoint: false })).then([{
      type: 'PartnerProfileUpdated', data: { isil: ISIL, focalPoint: false, updatedAt: AT.updated.toISOString() },
    }]));

  it('does not let a librarian change the focal point', () =>
    given(ACTIVE).when(updatePartnerProfile({}, { focalPoint: false })).thenThrows(CoordinatorOnly));

  it('lets a librarian send the focal point unchanged', () =>
    given(ACTIVE).when(updatePartnerProfile({}, { focalPoint: true, city: 'Bogor' })).then([{
      type: 'PartnerProfileUpdated', data: { isil: ISIL, city: 'Bogor', updatedAt: AT.updated.toISOString() },
    }]));

  it('updates a suspended partner', () => given(SUSPENDED).when(updatePartnerProfile()).then([profileUpdated]));

  it.each([['another library’s librarian', OTHER_LIBRARIAN], ['an auditor', AUDITOR]])('refuses %s', (_, actor) =>
    given(ACTIVE).when(updatePartnerProfile({ actor })).thenThrows(NotThatLibrary));

  it('needs at least one field', () => given(ACTIVE).when(updatePartnerProfile({}, {})).thenThrows(EmptyProfileUpdate));
  it('refuses an invalid field', () =>
    expect(refusal(ACTIVE, updatePartnerProfile({}, { contactEmail: 'not an address' })))
      .toMatchObject({ code: 'invalid-value', field: 'contactEmail' }));
  it('refuses an unknown partner', () => given([]).when(updatePartnerProfile()).thenThrows(PartnerNotFound));
  it('refuses a departed partner', () => given(LEFT).when(updatePartnerProfile()).thenThrows(PartnerHasLeft));
});

describe('SuspendPartner', () => {
  it('suspends an active partner', () => given(ACTIVE).when(suspendPartner()).then([suspended]));
  it('suspends a reinstated partner again', () =>
    given([...SUSPENDED, reinstated]).when(suspendPartner()).then([suspended]));
  it('is for a coordinator only', () =>
    given(ACTIVE).when(suspendPartner({ actor: OWN_LIBRARIAN })).thenThrows(CoordinatorOnly));
  it('needs a reason', () =>
    expect(refusal(ACTIVE, suspendPartner({}, ' '))).toMatchObject({ code: 'invalid-value', field: 'reason' }));
  it('refuses suspending twice', () => given(SUSPENDED).when(suspendPartner()).thenThrows(PartnerAlreadySuspended));
  it('refuses a departed partner', () => given(LEFT).when(suspendPartner()).thenThrows(PartnerHasLeft));
  it('refuses an unknown partner', () => given([]).when(suspendPartner()).thenThrows(PartnerNotFound));
});

describe('ReinstatePartner', () => {
  it('reinstates a suspended partner', () => given(SUSPENDED).when(reinstatePartner()).then([reinstated]));
  it('reinstates without a reason', () =>
    given(SUSPENDED).when(reinstatePartner({}, null)).then([{
      type: 'PartnerReinstated', data: { isil: ISIL, reinstatedAt: AT.reinstated.toISOString() },
    }]));
  it('is for a coordinator only', () =>
    given(SUSPENDED).when(reinstatePartner({ actor: OWN_LIBRARIAN })).thenThrows(CoordinatorOnly));
  it('refuses a partner that is not suspended', () =>
    given(ACTIVE).when(reinstatePartner()).thenThrows(PartnerNotSuspended));
  it('refuses a departed partner', () => given([...SUSPENDED, left]).when(reinstatePartner()).thenThrows(PartnerHasLeft));
  it('refuses an unknown partner', () => given([]).when(reinstatePartner()).thenThrows(PartnerNotFound));
});

describe('LeavePartner', () => {
  it('lets the library itself leave', () => given(ACTIVE).when(leavePartner()).then([left]));
  it('lets a coordinator record the departure', () => given(ACTIVE).when(leavePartner({ actor: COORDINATOR })).then([left]));
  it('lets a suspended partner leave, without a reason', () =>
    given(SUSPENDED).when(leavePartner({}, null)).then([{
      type: 'PartnerLeft', data: { isil: ISIL, leftAt: AT.left.toISOString() },
    }]));
  it('refuses another library', () =>
    given(ACTIVE).when(leavePartner({ actor: OTHER_LIBRARIAN })).thenThrows(NotThatLibrary));
  it('refuses leaving twice', () => given(LEFT).when(leavePartner()).thenThrows(PartnerHasLeft));
  it('refuses an unknown partner', () => given([]).when(leavePartner()).thenThrows(PartnerNotFound));
});

describe('a departed partner', () => {
  it.each<PartnerCommand>([updatePartnerProfile(), suspendPartner(), reinstatePartner(), leavePartner()])(
    'refuses $type', (command) => given(LEFT).when(command).thenThrows(PartnerHasLeft));
});

describe('evolve and partnerStanding', () => {
  it('folds the profile', () =>
    expect(fold(partnerDecider, [registered, profileUpdated])).toEqual({
      status: 'active', isil: ISIL, ...profile, city: 'Jakarta Pusat', contactEmail: 'pinjam@perpusnas.go.id',
      registeredAt: AT.registered.toISOString(),
    }));

  it.each<[string, PartnerEvent[], string | undefined]>([
    ['never registered', [], undefined],
    ['registered', ACTIVE, 'active'],
    ['suspended', SUSPENDED, 'suspended'],
    ['reinstated', [...SUSPENDED, reinstated], 'active'],
    ['departed', LEFT, 'left'],
  ])('gives the standing of a partner %s', (_, history, standing) =>
    expect(partnerStanding(fold(partnerDecider, history))).toBe(standing));

  it('ignores an event on a stream with no registration, rather than throwing', () =>
    expect(fold(partnerDecider, [suspended, left])).toEqual({ status: 'none' }));
});

describe('errors', () => {
  it.each<[PartnerEvent[], PartnerCommand, object]>([
    [[], registerPartner({ actor: OWN_LIBRARIAN }), { code: 'coordinator-only', kind: 'forbidden' }],
    [ACTIVE, updatePartnerProfile({ actor: OTHER_LIBRARIAN }), { code: 'not-that-library', kind: 'forbidden' }],
    [[], suspendPartner(), { code: 'partner-not-found', kind: 'not-found' }],
    [ACTIVE, registerPartner(), { code: 'partner-already-registered', kind: 'rule' }],
    [SUSPENDED, suspendPartner(), { code: 'partner-already-suspended', kind: 'rule' }],
    [ACTIVE, reinstatePartner(), { code: 'partner-not-suspended', kind: 'rule' }],
    [LEFT, leavePartner(), { code: 'partner-has-left', kind: 'rule' }],
    [ACTIVE, updatePartnerProfile({}, {}), { code: 'empty-profile-update', kind: 'invalid' }],
  ])('carry a stable code and kind (%#)', (history, command, expected) =>
    expect(refusal(history, command)).toMatchObject(expected));
});
