import type { Candidacy, LeaderElection, LeaderJob } from '../ports/leader-election.port';

/** The only instance there is (the embedded file is held by one process): it always leads. */
export class SoleInstance implements LeaderElection {
  private readonly candidacies = new Set<Candidacy>();

  async campaign(_name: string, job: LeaderJob): Promise<Candidacy> {
    let leading = true;
    await job.lead();
    const candidacy: Candidacy = {
      isLeader: () => leading,
      withdraw: async () => {
        if (!this.candidacies.delete(candidacy)) return;
        leading = false;
        await job.stepDown();
      },
    };
    this.candidacies.add(candidacy);
    return candidacy;
  }

  async close(): Promise<void> {
    for (const candidacy of [...this.candidacies]) await candidacy.withdraw();
  }
}
