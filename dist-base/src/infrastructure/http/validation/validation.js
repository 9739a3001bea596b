"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.KeyIdParam = exports.IsilParam = exports.UuidParam = exports.strictValidationPipe = void 0;
const common_1 = require("@nestjs/common");
const class_validator_1 = require("class-validator");
const problem_1 = require("../problem/problem");
const isil_1 = require("../../../domain/shared/isil");
const flatten = (errors, prefix = '') => errors.flatMap((error) => {
    const field = [prefix, error.property].filter(Boolean).join('.') || 'body';
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
});
/** Names class-transformer skips without a word, so whitelisting never sees them: refused as any unknown field is. */
const SKIPPED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
/** A UTF-16 surrogate without its pair: not text, and some validators throw on it. */
const LONE_SURROGATE = /\p{Cs}/u;
const NOT_TEXT = 'must be well-formed Unicode text (it holds a lone surrogate)';
/** Fields no DTO rule can be trusted to refuse, found in one walk of the input (its depth is bounded at parse time). */
const unsafeFields = (value, path) => {
    if (typeof value === 'string')
        return LONE_SURROGATE.test(value) ? [{ field: path || 'body', message: NOT_TEXT }] : [];
    if (typeof value !== 'object' || value === null)
        return [];
    return Object.entries(value).flatMap(([key, child]) => {
        const field = path ? `${path}.${key}` : key;
        if (SKIPPED_NAMES.has(key))
            return [{ field, message: `property ${key} should not exist` }];
        if (LONE_SURROGATE.test(key))
            return [{ field, message: `the name ${NOT_TEXT}` }];
        return unsafeFields(child, field);
    });
};
/** A request body, when there is one, must be a JSON object: not an array, a string or null. */
class StrictValidationPipe extends common_1.ValidationPipe {
    async transform(value, metadata) {
        if (metadata.type === 'body' && value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
            throw new problem_1.BadInput([{ field: 'body', message: 'the body must be a JSON object' }]);
        }
        if (metadata.type === 'body' || metadata.type === 'query') {
            const unsafe = unsafeFields(value, '');
            if (unsafe.length > 0)
                throw new problem_1.BadInput(unsafe);
        }
        return super.transform(value, metadata);
    }
}
/**
 * class-validator finds a class's rules by testing every class it knows on
 * every validation (typestack/class-validator#2686): the more DTOs an app
 * defines, the slower each request. With the service's DTOs loaded, a CPU
 * profile of POST /v1/services put several times the bare app's validation
 * cost there. A class's rules are all registered when it is defined, before
 * anything of it is validated; still, the answers kept here, per class and
 * options, are forgotten whenever a rule is registered.
 */
const keepRuleLookups = (storage) => {
    if (storage.rulesKept)
        return;
    storage.rulesKept = true;
    let kept = new WeakMap();
    const lookup = storage.getTargetValidationMetadatas.bind(storage);
    storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
        const options = `${schema}\n${always}\n${strictGroups}\n${groups?.join('\n') ?? '-'}`;
        let byOptions = kept.get(target);
        if (byOptions === undefined)
            kept.set(target, (byOptions = new Map()));
        let rules = byOptions.get(options);
        if (rules === undefined)
            byOptions.set(options, (rules = lookup(target, schema, always, strictGroups, groups)));
        return rules;
    };
    const add = storage.addValidationMetadata.bind(storage);
    storage.addValidationMetadata = (metadata) => {
        kept = new WeakMap();
        add(metadata);
    };
};
/** DTOs are strict: unknown fields are refused, types are not coerced, every bad field is named. */
const strictValidationPipe = () => {
    keepRuleLookups((0, class_validator_1.getMetadataStorage)());
    return new StrictValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
        // An empty DTO (a step with no body) has no rules; whitelisting still refuses any field sent to it.
        forbidUnknownValues: false,
        transform: true,
        transformOptions: { enableImplicitConversion: false },
        validationError: { target: false, value: false },
        exceptionFactory: (errors) => new problem_1.BadInput(flatten(errors)),
    });
};
exports.strictValidationPipe = strictValidationPipe;
/** A path id that must be a UUID, refused by name when it is not. */
const UuidParam = (field) => new common_1.ParseUUIDPipe({ exceptionFactory: () => new problem_1.BadInput([{ field, message: `${field} must be a UUID` }]) });
exports.UuidParam = UuidParam;
/** A path ISIL (ISO 15511), refused by name when it is not one; upper-cased, as the ledger keeps ISILs. */
const IsilParam = (field = 'isil') => ({
    transform: (value) => {
        if (!(0, isil_1.isIsil)(value))
            throw new problem_1.BadInput([{ field, message: `${field} ${isil_1.ISIL_MESSAGE}` }]);
        return (0, isil_1.normalIsil)(value);
    },
});
exports.IsilParam = IsilParam;
/** API key ids: UUIDs, and the fixed id of the bootstrap key. */
exports.KeyIdParam = {
    transform: (value) => {
        if (!/^[A-Za-z0-9-]{1,64}$/.test(value))
            throw new problem_1.BadInput([{ field: 'id', message: 'id must be an API key id' }]);
        return value;
    },
};
//# sourceMappingURL=validation.js.map