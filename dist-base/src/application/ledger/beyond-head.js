"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BeyondHead = void 0;
/**
 * A cut the log has not reached: a position after its head, or an instant
 * not yet past. Answering it now would answer differently later, so it is
 * refused (409) with the head named, and the client asks again with a cut
 * the log holds.
 */
class BeyondHead extends Error {
    asked;
    head;
    now;
    constructor(asked, head, now) {
        super(`the log ends at position ${head ?? '0 (it is empty)'} and it is now ${now}: ${asked} is beyond it; ` +
            'ask for a position up to the head or an instant already past');
        this.asked = asked;
        this.head = head;
        this.now = now;
        this.name = 'BeyondHead';
    }
}
exports.BeyondHead = BeyondHead;
//# sourceMappingURL=beyond-head.js.map