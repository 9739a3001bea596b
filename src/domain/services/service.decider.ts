import { actingLibrary, isCoordinator } from '../shared/acting';
import { assertAgreementCovers, assertPartnersActive } from '../shared/cooperation';
import type { Decider } from '../shared/decider';
import { InvalidValue } from '../shared/errors';
import { dayOf } from '../shared/dates';
import { ifGiven, optional, requireCalendarDate, requireText } from '../shared/input';
import { toIsil } from '../shared/isil';
import type { RenderService, ServiceCommand, VoidService } from './service.commands';
import {
  CannotServeOwnLibrary, NotTheProvider, ServiceAlreadyExists, ServiceAlreadyVoided, ServiceDateInFuture,
  ServiceNotFound,
} from './service.errors';
import { DEFAULT_UNIT, SERVICE_KINDS, type ServiceEvent, type ServiceKeys, type ServiceKind } from './service.events';

/** A sanity bound on one record; larger work is recorded in several. */
export const MAX_UNITS = 1_000_000;

export type NoService = Readonly<{ status: 'none' }>;
export type ExistingService = Readonly<ServiceKeys & { status: 'rendered' | 'voided' }>;
export type Service = NoService | ExistingService;

export const initialState = (): Service => ({ status: 'none' });

// ---- evolve -------------------------------------------------------------

export const evolve = (state: Service, event: ServiceEvent): Service => {
  switch (event.type) {
    case 'ServiceRendered': {
      const { note: _note, renderedAt: _at, ...keys } = event.data;
      return { status: 'rendered', ...keys };
    }
    // A stray event on an empty stream changes nothing: evolve must never throw.
    case 'ServiceVoided': return state.status === 'none' ? state : { ...state, status: 'voided' };
    default: return state;
  }
};

// ---- input --------------------------------------------------------------

const kindOf = (value: ServiceKind): ServiceKind => {
  if (!SERVICE_KINDS.includes(value)) throw new InvalidValue('kind', `kind must be one of ${SERVICE_KINDS.join(', ')}`);
  return value;
};

/** Positive, whole or with up to two decimals, as written. */
const unitsOf = (value: number): number => {
  const valid = typeof value === 'number' && value > 0 && value <= MAX_UNITS && /^\d+(\.\d{1,2})?$/.test(String(value));
  if (!valid) throw new InvalidValue('units', `units must be a positive number up to ${MAX_UNITS}, with at most two decimals`);
  return value;
};

const renderedOnOf = (value: string | undefined, now: Date): string => {
  const today = dayOf(now);
  const day = ifGiven(value, (given) => requireCalendarDate(given, 'renderedOn')) ?? today;
  if (day > today) throw new ServiceDateInFuture(today);
  return day;
};

// ---- decide -------------------------------------------------------------

const at = (command: ServiceCommand): string => command.metadata.now.toISOString();

const keysOf = (service: ExistingService): ServiceKeys => {
  const { status: _status, ...keys } = service;
  return keys;
};

const render = (command: RenderService, state: Service): ServiceEvent[] => {
  if (state.status !== 'none') throw new ServiceAlreadyExists(state.serviceId);
  const provider = actingLibrary(command, 'record a service it rendered');
  const { data, metadata } = command;
  requireText(data.serviceId, 'serviceId');
  requireText(data.agreementId, 'agreementId');
  const recipient = toIsil(data.recipient, 'recipient');
  if (provider === recipient) throw new CannotServeOwnLibrary();
  const kind = kindOf(data.kind);
  const units = unitsOf(data.units);
  const unit = ifGiven(data.unit, (label) => requireText(label, 'unit')) ?? DEFAULT_UNIT[kind];
  const renderedOn = renderedOnOf(data.renderedOn, metadata.now);
  const note = ifGiven(data.note, (text) => requireText(text, 'note'));
  const fields = { agreement: 'agreementId', parties: { [recipient]: 'recipient' } };
  assertAgreementCovers(data.agreement, data.agreementId, 'services', [provider, recipient], metadata.now, { day: renderedOn, field: 'renderedOn' }, fields);
  assertPartnersActive(data.standings ?? {}, [provider, recipient], fields);
  return [{
    type: 'ServiceRendered',
    data: {
      serviceId: data.serviceId, agreementId: data.agreementId, provider, recipient, kind, units, unit, renderedOn,
      ...optional('note', note), renderedAt: at(command),
    },
  }];
};

const voidService = (command: VoidService, state: Service): ServiceEvent[] => {
  if (state.status === 'none') throw new ServiceNotFound(command.data.serviceId);
  if (!isCoordinator(command) && actingLibrary(command, 'void a service') !== state.provider) {
    throw new NotTheProvider();
  }
  if (state.status === 'voided') throw new ServiceAlreadyVoided(state.serviceId);
  const reason = requireText(command.data.reason, 'reason');
  return [{ type: 'ServiceVoided', data: { ...keysOf(state), reason, voidedAt: at(command) } }];
};

export const decide = (command: ServiceCommand, state: Service): ServiceEvent[] => {
  switch (command.type) {
    case 'RenderService': return render(command, state);
    case 'VoidService': return voidService(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown service command ${(unknown as { type: string }).type}`);
    }
  }
};

export const serviceDecider: Decider<Service, ServiceCommand, ServiceEvent> = { decide, evolve, initialState };
