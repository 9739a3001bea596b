"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SubscriberChannels = void 0;
const projection_report_1 = require("../projections/projection-report");
/**
 * The subscriber channels as health and metrics see them. The subscriptions
 * feature attaches its sources when it starts; before that (or without the
 * feature) there are none.
 */
class SubscriberChannels {
    store;
    clock;
    sources = null;
    constructor(store, clock) {
        this.store = store;
        this.clock = clock;
    }
    attach(sources) {
        this.sources = sources;
    }
    liveClients() {
        return this.sources?.liveClients() ?? 0;
    }
    async lags() {
        if (!this.sources)
            return [];
        const head = await this.store.headPosition();
        const feed = this.sources.log.progress();
        const lags = [
            { kind: 'live-feed', channel: 'live-feed', ...(await this.behind(head, feed.position)), stuck: !feed.running, enabled: true, disabledReason: null, failing: false },
        ];
        for (const { target, position, stuck, failing } of await this.sources.targets()) {
            lags.push({ kind: target.kind, channel: target.id, ...(await this.behind(head, position)), stuck, enabled: target.enabled, disabledReason: target.disabledReason, failing });
        }
        return lags;
    }
    async behind(head, position) {
        const events = Math.max(0, (0, projection_report_1.lagOf)(head, position));
        if (events === 0)
            return { events, seconds: 0 };
        const [oldest] = await this.store.readAll({ after: position, limit: 1 });
        const recordedAt = oldest ? Date.parse(oldest.metadata.recordedAt) : NaN;
        return { events, seconds: Number.isNaN(recordedAt) ? 0 : Math.max(0, (this.clock.now().getTime() - recordedAt) / 1000) };
    }
}
exports.SubscriberChannels = SubscriberChannels;
//# sourceMappingURL=subscriber-channels.js.map