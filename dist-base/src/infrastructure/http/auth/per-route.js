"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.perRoute = void 0;
/**
 * What a guard reads from a route's metadata, read once per controller and
 * handler instead of on every request: the metadata is fixed once the app is
 * built. Keyed by both, since a handler a controller inherits may take the
 * class's metadata of another.
 */
const perRoute = (read) => {
    const kept = new WeakMap();
    return (context) => {
        const controller = context.getClass();
        const handler = context.getHandler();
        let byHandler = kept.get(controller);
        if (byHandler === undefined)
            kept.set(controller, (byHandler = new WeakMap()));
        if (!byHandler.has(handler))
            byHandler.set(handler, read([handler, controller]));
        return byHandler.get(handler);
    };
};
exports.perRoute = perRoute;
//# sourceMappingURL=per-route.js.map