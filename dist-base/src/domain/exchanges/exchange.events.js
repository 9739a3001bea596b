"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=exchange.events.js.map