"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FoldedStreams = exports.FOLDED_STREAMS_KEPT = void 0;
/** Streams whose folded state is kept; past this the least recently read is dropped. */
exports.FOLDED_STREAMS_KEPT = 20_000;
/**
 * The state of each stream folded by one decider, kept with the version it
 * was folded to. A read fetches only the events after that version, so it is
 * as current as reading the whole stream (events are never changed or
 * removed, and the version read is the stream's last), at the cost of the
 * events that are new. States are values: `evolve` returns a new one.
 */
class FoldedStreams {
    store;
    decider;
    options;
    folded = new Map();
    constructor(store, decider, options = {}) {
        this.store = store;
        this.decider = decider;
        this.options = options;
    }
    async read(streamId) {
        const cached = this.folded.get(streamId);
        const from = cached ? cached.version + 1 : 1;
        const events = this.options.durable ? await this.store.readDurableStream(streamId, from) : await this.store.readStream(streamId, from);
        let { state, version } = cached ?? { state: this.decider.initialState(), version: 0 };
        for (const event of events) {
            state = this.decider.evolve(state, event);
            version = event.streamVersion;
        }
        const folded = { state, version };
        // Reads of one stream may overlap: the furthest fold is the one kept.
        const latest = this.folded.get(streamId);
        if (version > 0 && (latest === undefined || latest.version <= version)) {
            this.folded.delete(streamId);
            this.folded.set(streamId, folded);
            if (this.folded.size > (this.options.kept ?? exports.FOLDED_STREAMS_KEPT))
                this.folded.delete(this.folded.keys().next().value);
        }
        else if (latest !== undefined) {
            this.folded.delete(streamId);
            this.folded.set(streamId, latest);
        }
        return folded;
    }
}
exports.FoldedStreams = FoldedStreams;
//# sourceMappingURL=folded-streams.js.map