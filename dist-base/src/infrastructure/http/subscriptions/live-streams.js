"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LiveStreams = void 0;
/** The open live-feed connections, so that stopping the service ends them before HTTP waits for them. */
class LiveStreams {
    open = new Set();
    track(stream) {
        this.open.add(stream);
        void stream.done.finally(() => this.open.delete(stream));
    }
    async closeAll() {
        await Promise.all([...this.open].map((stream) => stream.close()));
    }
    get size() {
        return this.open.size;
    }
}
exports.LiveStreams = LiveStreams;
//# sourceMappingURL=live-streams.js.map