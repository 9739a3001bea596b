"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AMENDABLE = void 0;
exports.AMENDABLE = ['terms', 'forms', 'endsOn', 'subjects', 'focalPoint'];
//# sourceMappingURL=agreement.events.js.map