"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=service.commands.js.map