"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=feature.js.map