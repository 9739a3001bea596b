"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.heapCollector = exports.BULK_HEAP_SLACK = void 0;
const node_v8_1 = require("node:v8");
const node_vm_1 = require("node:vm");
/**
 * How far a bulk fold's heap may grow past what the last collection kept
 * before the next one. At 100,000 events, 64 MB held the peak RSS of a
 * rebuild at 373 MB (588 MB without), no slower; 128 MB at 399 MB.
 */
exports.BULK_HEAP_SLACK = 64 * 1_048_576;
let collect;
/**
 * V8's full collection. Node exposes it only behind --expose-gc; the flag set
 * at run time is read when a context is made, so a fresh context hands the
 * function over (as jest's --logHeapUsage gets it).
 */
const fullCollection = () => {
    if (collect === undefined) {
        const exposed = globalThis.gc;
        if (exposed === undefined)
            (0, node_v8_1.setFlagsFromString)('--expose-gc');
        collect = exposed ?? (0, node_vm_1.runInNewContext)('gc');
    }
    return collect;
};
/**
 * For ProjectionRunner's `collect`: a full collection once the heap has grown
 * `slack` bytes past what the last one kept. A bulk fold keeps little (its
 * documents and the rows of one write: 40-100 MB) but drops a lot, and it
 * outlives two scavenges (a document replaced by the next event of its key,
 * the rows of a write), so it is garbage of the old generation, which V8 lets
 * grow to several times what it keeps before it collects: a peak RSS of 600 MB
 * for a live heap of 50 MB, at 100,000 events as at 1,000,000.
 */
const heapCollector = (slack = exports.BULK_HEAP_SLACK) => {
    let kept = 0;
    return () => {
        if ((0, node_v8_1.getHeapStatistics)().used_heap_size < kept + slack)
            return;
        fullCollection()();
        kept = (0, node_v8_1.getHeapStatistics)().used_heap_size;
    };
};
exports.heapCollector = heapCollector;
//# sourceMappingURL=heap-collector.js.map