"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=rotation.commands.js.map