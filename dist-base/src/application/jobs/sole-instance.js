"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SoleInstance = void 0;
/** The only instance there is (the embedded file is held by one process): it always leads. */
class SoleInstance {
    candidacies = new Set();
    async campaign(_name, job) {
        let leading = true;
        await job.lead();
        const candidacy = {
            isLeader: () => leading,
            withdraw: async () => {
                if (!this.candidacies.delete(candidacy))
                    return;
                leading = false;
                await job.stepDown();
            },
        };
        this.candidacies.add(candidacy);
        return candidacy;
    }
    async close() {
        for (const candidacy of [...this.candidacies])
            await candidacy.withdraw();
    }
}
exports.SoleInstance = SoleInstance;
//# sourceMappingURL=sole-instance.js.map