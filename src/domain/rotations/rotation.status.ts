/**
 * Where a rotation stands: planned (the owner holds the batch, nothing sent yet),
 * in transit on a leg, at a host, or closed.
 */
export type RotationStatus = 'planned' | 'in-transit' | 'at-host' | 'completed' | 'cancelled';

/** A rotation in one of these statuses refuses every further command. */
export const CLOSED_ROTATION_STATUSES = ['completed', 'cancelled'] as const satisfies readonly RotationStatus[];

export type ClosedRotationStatus = (typeof CLOSED_ROTATION_STATUSES)[number];

export const isClosedRotationStatus = (status: RotationStatus): status is ClosedRotationStatus =>
  (CLOSED_ROTATION_STATUSES as readonly RotationStatus[]).includes(status);

export const STATUS_IN_WORDS: Readonly<Record<RotationStatus, string>> = {
  planned: 'planned and still with its owner',
  'in-transit': 'in transit',
  'at-host': 'with a host',
  completed: 'completed',
  cancelled: 'cancelled',
};
