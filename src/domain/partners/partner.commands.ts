import type { Command } from '../shared/decider';

type OnPartner = { isil: string };

/** Coordinator only. */
export type RegisterPartner = Command<'RegisterPartner', OnPartner & {
  name: string;
  /** ISO 3166-1 alpha-2; stored upper-cased. */
  country?: string;
  city?: string;
  contactEmail?: string;
  focalPoint?: boolean;
}>;
/**
 * A coordinator, or a librarian of that library. Fields left out stay as they
 * are; only a coordinator may change `focalPoint`.
 */
export type UpdatePartnerProfile = Command<'UpdatePartnerProfile', OnPartner & {
  name?: string;
  country?: string;
  city?: string;
  contactEmail?: string;
  focalPoint?: boolean;
}>;
/** Coordinator only. */
export type SuspendPartner = Command<'SuspendPartner', OnPartner & { reason: string }>;
/** Coordinator only. */
export type ReinstatePartner = Command<'ReinstatePartner', OnPartner & { reason?: string }>;
/** A coordinator, or a librarian of that library. */
export type LeavePartner = Command<'LeavePartner', OnPartner & { reason?: string }>;

export type PartnerCommand =
  | RegisterPartner
  | UpdatePartnerProfile
  | SuspendPartner
  | ReinstatePartner
  | LeavePartner;
