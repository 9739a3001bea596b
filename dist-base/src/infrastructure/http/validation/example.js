"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Example = void 0;
const class_validator_jsonschema_1 = require("class-validator-jsonschema");
/** What the OpenAPI document shows beside a field's rules: a value a client can send as it is. */
const Example = (example, description) => (0, class_validator_jsonschema_1.JSONSchema)({ example, ...(description ? { description } : {}) });
exports.Example = Example;
//# sourceMappingURL=example.js.map