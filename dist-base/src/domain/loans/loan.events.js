"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=loan.events.js.map