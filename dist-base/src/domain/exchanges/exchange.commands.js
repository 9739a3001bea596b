"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=exchange.commands.js.map