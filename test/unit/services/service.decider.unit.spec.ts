import { deciderSpec } from '../../support/decider-spec';
import { NoActingLibrary } from '../../../src/domain/shared/acting';
import {
  AgreementDoesNotCover, AgreementNotFound, AgreementNotInForce, NotAMember, PartnerNotActive,
} from '../../../src/domain/shared/cooperation';
import { fold } from '../../../src/domain/shared/decider';
import { InvalidValue } from '../../../src/domain/shared/errors';
import { agreementDecider, agreementFacts, type AgreementEvent } from '../../../src/domain/agreements';
import {
  CannotServeOwnLibrary, DEFAULT_UNIT, MAX_UNITS, NotTheProvider, ServiceAlreadyExists, ServiceAlreadyVoided,
  ServiceDateInFuture, ServiceNotFound, serviceDecider, type RenderService, type ServiceCommand, type ServiceEvent, type ServiceKind,
} from '../../../src/domain/services';
import {
  AT, COORDINATOR, PROVIDER, RECIPIENT, STRANGER, agreement, agreementId, keys, renderService, rendered, standings,
  voidService, voided,
} from './service.fixtures';

const given = deciderSpec(serviceDecider);

const RENDERED: ServiceEvent[] = [rendered];
const VOIDED: ServiceEvent[] = [rendered, voided];

/** The error a command is refused with, to check what `thenThrows` cannot: its field, code and kind. */
const refusal = (events: readonly ServiceEvent[], command: ServiceCommand): unknown => {
  try {
    serviceDecider.decide(command, fold(serviceDecider, events));
  } catch (error) {
    return error;
  }
  throw new Error(`${command.type} was not refused`);
};

describe('RenderService', () => {
  it('records the service, with the actor’s library as provider', () =>
    given([]).when(renderService()).then([rendered]));

  it.each<[ServiceKind, string]>(Object.entries(DEFAULT_UNIT) as [ServiceKind, string][])(
    'counts %s in %s and dates it today unless told otherwise',
    (kind, unit) =>
      given([]).when(renderService({}, { kind, units: 3, unit: undefined, renderedOn: undefined, note: undefined })).then([{
        type: 'ServiceRendered',
        data: { ...keys, kind, units: 3, unit, renderedOn: '2025-05-10', renderedAt: AT.rendered.toISOString() },
      }]),
  );

  it.each([0.01, 0.25, 1.5, 12, MAX_UNITS])('accepts %s units', (units) =>
    given([]).when(renderService({}, { units })).thenMatch([{ data: { units } }]));

  it('normalises the recipient’s ISIL', () =>
    given([]).when(renderService({ by: 'id-jkpnri' }, { recipient: 'id-bdgkota' })).then([rendered]));

  it('takes the agreement facts the agreement stream gives', () => {
    const history: AgreementEvent[] = [{
      type: 'AgreementEstablished',
      data: {
        agreementId, title: 'Java cooperation', focalPoint: PROVIDER, members: [PROVIDER, RECIPIENT], forms: ['services'],
        startsOn: '2025-01-01', terms: agreement.terms, subjects: {}, establishedAt: '2024-12-01T00:00:00.000Z',
      },
    }];
    given([]).when(renderService({}, { agreement: agreementFacts(fold(agreementDecider, history)) })).then([rendered]);
  });

  it('records a service rendered today', () =>
    given([]).when(renderService({}, { renderedOn: '2025-05-10' })).thenMatch([{ data: { renderedOn: '2025-05-10' } }]));

  it('refuses a service id already used', () => given(RENDERED).when(renderService()).thenThrows(ServiceAlreadyExists));
  it('refuses a service id already voided', () => given(VOIDED).when(renderService()).thenThrows(ServiceAlreadyExists));
  it('needs a library to act', () => given([]).when(renderService({ actor: COORDINATOR })).thenThrows(NoActingLibrary));
  it('refuses a service to one’s own library, whatever the case', () =>
    given([]).when(renderService({}, { recipient: 'id-jkpnri' })).thenThrows(CannotServeOwnLibrary));
  it('refuses a date after today', () =>
    given([]).when(renderService({}, { renderedOn: '2025-05-11' })).thenThrows(ServiceDateInFuture));

  it.each<[string, Partial<RenderService['data']>]>([
    ['serviceId', { serviceId: '' }],
    ['agreementId', { agreementId: ' ' }],
    ['recipient', { recipient: 'Bandung' }],
    ['kind', { kind: 'binding' as ServiceKind }],
    ['units', { units: 0 }],
    ['units', { units: -2 }],
    ['units', { units: 1.005 }],
    ['units', { units: Number.NaN }],
    ['units', { units: Number.POSITIVE_INFINITY }],
    ['units', { units: '3' as never }],
    ['units', { units: MAX_UNITS + 1 }],
    ['unit', { unit: '' }],
    ['renderedOn', { renderedOn: '2025-02-29' }],
    ['note', { note: ' ' }],
  ])('refuses an invalid %s', (field, data) => {
    given([]).when(renderService({}, data)).thenThrows(InvalidValue);
    expect(refusal([], renderService({}, data))).toMatchObject({ code: 'invalid-value', kind: 'invalid', field });
  });

  describe('under its agreement', () => {
    it('refuses an agreement that does not exist', () =>
      given([]).when(renderService({}, { agreement: null })).thenThrows(AgreementNotFound));
    it('refuses a terminated agreement', () =>
      given([]).when(renderService({}, { agreement: { ...agreement, terminated: true } })).thenThrows(AgreementNotInForce));
    it('refuses an agreement not yet started', () =>
      given([]).when(renderService({}, { agreement: { ...agreement, startsOn: '2025-06-01' } })).thenThrows(AgreementNotInForce));
    it('refuses an agreement that has ended', () =>
      given([]).when(renderService({}, { agreement: { ...agreement, endsOn: '2025-05-09' } })).thenThrows(AgreementNotInForce));
    it('still records on the agreement’s last day', () =>
      given([]).when(renderService({}, { agreement: { ...agreement, endsOn: '2025-05-10' } })).then([rendered]));
    it('records a service rendered on the agreement’s first day', () =>
      given([]).when(renderService({}, { renderedOn: '2025-01-01' })).thenMatch([{ data: { renderedOn: '2025-01-01' } }]));
    it.each(['2024-12-31', '1900-01-01'])('refuses a service rendered on %s, before the agreement started, naming renderedOn', (renderedOn) => {
      given([]).when(renderService({}, { renderedOn })).thenThrows(AgreementNotInForce);
      expect(refusal([], renderService({}, { renderedOn }))).toMatchObject({
        code: 'agreement-not-in-force', kind: 'rule', field: 'renderedOn', message: expect.stringContaining('starts on 2025-01-01'),
      });
    });
    it('refuses an agreement that does not cover services', () =>
      given([]).when(renderService({}, { agreement: { ...agreement, forms: ['loans'] } })).thenThrows(AgreementDoesNotCover));
    it('refuses a provider that is not a member', () =>
      given([]).when(renderService({ by: STRANGER })).thenThrows(NotAMember));
    it('refuses a recipient that is not a member', () =>
      given([]).when(renderService({}, { recipient: STRANGER })).thenThrows(NotAMember));
  });

  describe('between active partners', () => {
    it.each<[string, Record<string, 'active' | 'suspended' | 'left' | undefined>]>([
      ['a suspended provider', { ...standings, [PROVIDER]: 'suspended' }],
      ['a recipient that has left', { ...standings, [RECIPIENT]: 'left' }],
      ['a recipient never registered', { [PROVIDER]: 'active' }],
    ])('refuses %s', (_, partnerStandings) =>
      given([]).when(renderService({}, { standings: partnerStandings })).thenThrows(PartnerNotActive));
  });
});

describe('VoidService', () => {
  it('lets the provider void it, carrying what it reverses', () => given(RENDERED).when(voidService()).then([voided]));
  it('lets a coordinator void it', () => given(RENDERED).when(voidService({ actor: COORDINATOR })).then([voided]));
  it('does not let the recipient void it', () =>
    given(RENDERED).when(voidService({ by: RECIPIENT })).thenThrows(NotTheProvider));
  it('does not let another library void it', () =>
    given(RENDERED).when(voidService({ by: STRANGER })).thenThrows(NotTheProvider));
  it('needs a library or a coordinator', () =>
    given(RENDERED).when(voidService({ actor: { role: 'auditor' } })).thenThrows(NoActingLibrary));
  it('needs a reason', () =>
    expect(refusal(RENDERED, voidService({}, ''))).toMatchObject({ code: 'invalid-value', field: 'reason' }));
  it('voids once', () => given(VOIDED).when(voidService()).thenThrows(ServiceAlreadyVoided));
  it('refuses an unknown service', () => given([]).when(voidService()).thenThrows(ServiceNotFound));
});

describe('evolve', () => {
  it('folds a service into its state', () =>
    expect(fold(serviceDecider, RENDERED)).toEqual({ status: 'rendered', ...keys }));
  it('marks it voided', () => expect(fold(serviceDecider, VOIDED)).toEqual({ status: 'voided', ...keys }));
  it('ignores a void on a stream with no service, rather than throwing', () =>
    expect(fold(serviceDecider, [voided])).toEqual({ status: 'none' }));
});

describe('errors', () => {
  it.each<[ServiceEvent[], ServiceCommand, object]>([
    [[], voidService(), { code: 'service-not-found', kind: 'not-found' }],
    [RENDERED, renderService(), { code: 'service-already-exists', kind: 'rule' }],
    [[], renderService({}, { recipient: PROVIDER }), { code: 'cannot-serve-own-library', kind: 'invalid', field: 'recipient' }],
    [[], renderService({}, { renderedOn: '2025-06-01' }), { code: 'service-date-in-future', kind: 'invalid', field: 'renderedOn' }],
    [RENDERED, voidService({ by: RECIPIENT }), { code: 'not-the-provider', kind: 'forbidden' }],
    [VOIDED, voidService(), { code: 'service-already-voided', kind: 'rule' }],
    [[], renderService({ actor: COORDINATOR }), { code: 'no-acting-library', kind: 'forbidden' }],
    [[], renderService({}, { agreement: null }), { code: 'agreement-not-found', kind: 'not-found' }],
    [[], renderService({}, { renderedOn: '2024-12-31' }), { code: 'agreement-not-in-force', kind: 'rule', field: 'renderedOn' }],
    [[], renderService({}, { agreement: { ...agreement, forms: ['loans'] } }), { code: 'agreement-does-not-cover', kind: 'rule', field: 'agreementId' }],
    [[], renderService({}, { agreement: { ...agreement, terminated: true } }), { code: 'agreement-not-in-force', kind: 'rule', field: 'agreementId' }],
    [[], renderService({ by: STRANGER }), { code: 'not-a-member', kind: 'forbidden' }],
    [[], renderService({}, { standings: {} }), { code: 'partner-not-active', kind: 'rule' }],
    [[], renderService({}, { recipient: STRANGER }), { code: 'not-a-member', kind: 'forbidden', field: 'recipient' }],
    [[], renderService({}, { standings: { ...standings, [RECIPIENT]: 'suspended' } }), { code: 'partner-not-active', kind: 'rule', field: 'recipient' }],
  ])('carry a stable code and kind (%#)', (history, command, expected) =>
    expect(refusal(history, command)).toMatchObject(expected));
});
