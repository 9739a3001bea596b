/**
 * What a singleton job does as its instance wins or loses the election. The
 * three never overlap for one job: each starts once the one before is done.
 */
export type LeaderJob = Readonly<{
  /** This instance is elected: start the job (resolve once it runs). */
  lead: () => Promise<void>;
  /**
   * Stop the job at once (a write in flight may finish, nothing new starts).
   * Called on losing the election and on withdrawing, leading or not: it must
   * be harmless on a job that is not running.
   */
  stepDown: () => Promise<void>;
  /** Another instance leads (at the first attempt lost, and after each step-down): e.g. watch what it does. */
  follow?: () => Promise<void>;
}>;

/** One job's place in the election. */
export interface Candidacy {
  /** Whether this instance runs the job now. */
  isLeader(): boolean;
  /** Leaves the election: steps down if leading, and stops trying. */
  withdraw(): Promise<void>;
}

/**
 * Elects one instance per job name among the instances that share one
 * database. `campaign` resolves once the first attempt is decided (and, if
 * won, once `lead` has returned), so a lone instance is leading when its
 * start-up ends; a loser keeps trying and leads when the leader goes.
 */
export interface LeaderElection {
  campaign(name: string, job: LeaderJob): Promise<Candidacy>;
  /** Withdraws every candidacy and lets go of the connection it holds. */
  close(): Promise<void>;
}

export const LEADER_ELECTION = Symbol('LeaderElection');

/**
 * The election for the projection runner: the same as LEADER_ELECTION when
 * the read models are shared by every instance, one of its own (always won)
 * when each instance keeps its own read models.
 */
export const READ_MODEL_ELECTION = Symbol('ReadModelElection');
