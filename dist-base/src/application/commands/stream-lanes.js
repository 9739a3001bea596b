"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.StreamLanes = void 0;
/**
 * One lane per stream: work queued on a stream runs after the work queued on
 * it before, so commands for one stream in one process never race each other
 * to a version conflict. Lanes of different streams run side by side.
 */
class StreamLanes {
    tails = new Map();
    run(streamId, work) {
        const result = (this.tails.get(streamId) ?? Promise.resolve()).then(work);
        const tail = result.then(() => undefined, () => undefined);
        this.tails.set(streamId, tail);
        void tail.then(() => {
            if (this.tails.get(streamId) === tail)
                this.tails.delete(streamId);
        });
        return result;
    }
}
exports.StreamLanes = StreamLanes;
//# sourceMappingURL=stream-lanes.js.map