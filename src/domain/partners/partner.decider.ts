import { CoordinatorOnly, isCoordinator, requireCoordinator, requireCoordinatorOrLibrarianOf } from '../shared/acting';
import type { PartnerStanding } from '../shared/cooperation';
import type { Decider } from '../shared/decider';
import { InvalidValue } from '../shared/errors';
import { ifGiven, optional, requireText } from '../shared/input';
import { toIsil, type Isil } from '../shared/isil';
import type {
  LeavePartner, PartnerCommand, RegisterPartner, ReinstatePartner, SuspendPartner, UpdatePartnerProfile,
} from './partner.commands';
import {
  EmptyProfileUpdate, PartnerAlreadyRegistered, PartnerAlreadySuspended, PartnerHasLeft, PartnerNotFound,
  PartnerNotSuspended,
} from './partner.errors';
import type { PartnerEvent, PartnerProfile } from './partner.events';

export type PartnerStatus = PartnerStanding;

export type NoPartner = Readonly<{ status: 'none' }>;

export type ExistingPartner = Readonly<PartnerProfile & {
  status: PartnerStatus;
  isil: Isil;
  registeredAt: string;
}>;

export type Partner = NoPartner | ExistingPartner;

export const initialState = (): Partner => ({ status: 'none' });

// ---- evolve -------------------------------------------------------------

export const evolve = (state: Partner, event: PartnerEvent): Partner => {
  if (event.type === 'PartnerRegistered') return { status: 'active', ...event.data };
  // A stray event on an empty stream changes nothing: evolve must never throw.
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'PartnerProfileUpdated': {
      const { isil: _isil, updatedAt: _at, ...changes } = event.data;
      return { ...state, ...changes };
    }
    case 'PartnerSuspended': return { ...state, status: 'suspended' };
    case 'PartnerReinstated': return { ...state, status: 'active' };
    case 'PartnerLeft': return { ...state, status: 'left' };
    default: return state;
  }
};

/** Where a partner stands, as the other deciders need it; undefined for a library never registered. */
export const partnerStanding = (state: Partner): PartnerStanding | undefined =>
  state.status === 'none' ? undefined : state.status;

// ---- profile fields -----------------------------------------------------

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const country = (value: string): string => {
  if (typeof value !== 'string' || !/^[A-Za-z]{2}$/.test(value)) {
    throw new InvalidValue('country', 'country must be an ISO 3166-1 alpha-2 code such as "ID"');
  }
  return value.toUpperCase();
};

const contactEmail = (value: string): string => {
  if (typeof value !== 'string' || !EMAIL.test(value.trim())) {
    throw new InvalidValue('contactEmail', 'contactEmail must be an e-mail address');
  }
  return value.trim();
};

const focalPoint = (value: boolean): boolean => {
  if (typeof value !== 'boolean') throw new InvalidValue('focalPoint', 'focalPoint must be true or false');
  return value;
};

type ProfileInput = { name?: string; country?: string; city?: string; contactEmail?: string; focalPoint?: boolean };

/** The fields given, validated and normalised; absent ones stay absent. */
const profileFields = (input: ProfileInput): Partial<PartnerProfile> => ({
  ...optional('name', ifGiven(input.name, (name) => requireText(name, 'name'))),
  ...optional('country', ifGiven(input.country, country)),
  ...optional('city', ifGiven(input.city, (city) => requireText(city, 'city'))),
  ...optional('contactEmail', ifGiven(input.contactEmail, contactEmail)),
  ...optional('focalPoint', ifGiven(input.focalPoint, focalPoint)),
});

// ---- decide -------------------------------------------------------------

const at = (command: PartnerCommand): string => command.metadata.now.toISOString();

/** A partner that is registered and has not left: the only kind most commands may act on. */
const currentPartner = (command: PartnerCommand, state: Partner): ExistingPartner => {
  if (state.status === 'none') throw new PartnerNotFound(command.data.isil);
  if (state.status === 'left') throw new PartnerHasLeft(state.isil);
  return state;
};

const register = (command: RegisterPartner, state: Partner): PartnerEvent[] => {
  requireCoordinator(command, 'register a partner');
  if (state.status !== 'none') throw new PartnerAlreadyRegistered(state.isil);
  const isil = toIsil(command.data.isil, 'isil');
  const { name, ...rest } = profileFields(command.data);
  if (name === undefined) throw new InvalidValue('name', 'name must not be empty');
  return [{
    type: 'PartnerRegistered',
    data: { isil, name, ...rest, focalPoint: rest.focalPoint ?? false, registeredAt: at(command) },
  }];
};

const updateProfile = (command: UpdatePartnerProfile, state: Partner): PartnerEvent[] => {
  const partner = currentPartner(command, state);
  requireCoordinatorOrLibrarianOf(command, partner.isil, 'update this partner’s profile');
  const { isil: _isil, ...input } = command.data;
  const given = profileFields(input);
  if (Object.keys(given).length === 0) throw new EmptyProfileUpdate();
  const changes = Object.fromEntries(
    Object.entries(given).filter(([key, value]) => partner[key as keyof PartnerProfile] !== value),
  ) as Partial<PartnerProfile>;
  if (changes.focalPoint !== undefined && !isCoordinator(command)) {
    throw new CoordinatorOnly('designate the focal point');
  }
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'PartnerProfileUpdated', data: { isil: partner.isil, ...changes, updatedAt: at(command) } }];
};

const suspend = (command: SuspendPartner, state: Partner): PartnerEvent[] => {
  requireCoordinator(command, 'suspend a partner');
  const partner = currentPartner(command, state);
  if (partner.status === 'suspended') throw new PartnerAlreadySuspended(partner.isil);
  const reason = requireText(command.data.reason, 'reason');
  return [{ type: 'PartnerSuspended', data: { isil: partner.isil, reason, suspendedAt: at(command) } }];
};

const reinstate = (command: ReinstatePartner, state: Partner): PartnerEvent[] => {
  requireCoordinator(command, 'reinstate a partner');
  const partner = currentPartner(command, state);
  if (partner.status !== 'suspended') throw new PartnerNotSuspended(partner.isil);
  const { reason } = command.data;
  return [{
    type: 'PartnerReinstated',
    data: {
      isil: partner.isil,
      ...optional('reason', ifGiven(reason, (text) => requireText(text, 'reason'))),
      reinstatedAt: at(command),
    },
  }];
};

const leave = (command: LeavePartner, state: Partner): PartnerEvent[] => {
  const partner = currentPartner(command, state);
  requireCoordinatorOrLibrarianOf(command, partner.isil, 'record that this partner leaves');
  const { reason } = command.data;
  return [{
    type: 'PartnerLeft',
    data: {
      isil: partner.isil,
      ...optional('reason', ifGiven(reason, (text) => requireText(text, 'reason'))),
      leftAt: at(command),
    },
  }];
};

export const decide = (command: PartnerCommand, state: Partner): PartnerEvent[] => {
  switch (command.type) {
    case 'RegisterPartner': return register(command, state);
    case 'UpdatePartnerProfile': return updateProfile(command, state);
    case 'SuspendPartner': return suspend(command, state);
    case 'ReinstatePartner': return reinstate(command, state);
    case 'LeavePartner': return leave(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown partner command ${(unknown as { type: string }).type}`);
    }
  }
};

export const partnerDecider: Decider<Partner, PartnerCommand, PartnerEvent> = { decide, evolve, initialState };
