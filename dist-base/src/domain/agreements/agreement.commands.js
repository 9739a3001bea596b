"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=agreement.commands.js.map