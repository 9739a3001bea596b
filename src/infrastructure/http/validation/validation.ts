import { ParseUUIDPipe, ValidationPipe, type ArgumentMetadata, type PipeTransform, type ValidationError } from '@nestjs/common';
import { BadInput, type FieldError } from '../problem/problem';
import { ISIL_MESSAGE, isIsil, normalIsil } from '../../../domain/shared/isil';

const flatten = (errors: readonly ValidationError[], prefix = ''): FieldError[] =>
  errors.flatMap((error) => {
    const field = [prefix, error.property].filter(Boolean).join('.') || 'body';
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });

/** A request body, when there is one, must be a JSON object: not an array, a string or null. */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new BadInput([{ field: 'body', message: 'the body must be a JSON object' }]);
    }
    return super.transform(value, metadata);
  }
}

/** DTOs are strict: unknown fields are refused, types are not coerced, every bad field is named. */
export const strictValidationPipe = () =>
  new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    // An empty DTO (a step with no body) has no rules; whitelisting still refuses any field sent to it.
    forbidUnknownValues: false,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new BadInput(flatten(errors)),
  });

/** A path id that must be a UUID, refused by name when it is not. */
export const UuidParam = (field: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => new BadInput([{ field, message: `${field} must be a UUID` }]) });

/** A path ISIL (ISO 15511), refused by name when it is not one; upper-cased, as the ledger keeps ISILs. */
export const IsilParam = (field = 'isil'): PipeTransform<string, string> => ({
  transform: (value) => {
    if (!isIsil(value)) throw new BadInput([{ field, message: `${field} ${ISIL_MESSAGE}` }]);
    return normalIsil(value);
  },
});

/** API key ids: UUIDs, and the fixed id of the bootstrap key. */
export const KeyIdParam: PipeTransform<string, string> = {
  transform: (value) => {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(value)) throw new BadInput([{ field: 'id', message: 'id must be an API key id' }]);
    return value;
  },
};

