import 'reflect-metadata';
import { IsInt, IsString, Min, getMetadataStorage } from 'class-validator';
import { BadInput } from '../../../src/infrastructure/http/problem/problem';
import { strictValidationPipe } from '../../../src/infrastructure/http/validation/validation';

class Base {
  @IsString()
  name!: string;
}

const pipe = strictValidationPipe();
const body = (metatype: new () => object, value: object) => pipe.transform(value, { type: 'body', metatype });
const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error instanceof BadInput ? error.errors.map((e) => e.field) : error;
  }
  return 'accepted';
};

describe('the rules the validation pipe keeps per class', () => {
  it('validates with the rules of the class and its ancestors, the same answer each time', async () => {
    class Child extends Base {
      @IsInt()
      @Min(1)
      units!: number;
    }
    for (let i = 0; i < 3; i++) {
      expect(await refusal(body(Child, { name: 'a', units: 2 }))).toBe('accepted');
      expect(await refusal(body(Child, { name: 7, units: 0 }))).toEqual(['units', 'name']);
      expect(await refusal(body(Child, { name: 'a', units: 1, extra: true }))).toEqual(['extra']);
    }
    // Looked up once, not by testing every known class again on each request.
    const lookup = () => getMetadataStorage().getTargetValidationMetadatas(Child, '', false, false);
    expect(lookup()).toBe(lookup());
  });

  it('sees a class defined after others were validated, and a rule added to a class already validated', async () => {
    expect(await refusal(body(Base, { name: 'a' }))).toBe('accepted');
    class Later extends Base {
      @IsString()
      code!: string;
    }
    expect(await refusal(body(Later, { name: 'a', code: 1 }))).toEqual(['code']);

    // As a decorator applied late would: a new rule on Base, for Base and for the classes that extend it.
    Min(5)(Base.prototype, 'size');
    IsInt()(Base.prototype, 'size');
    expect(await refusal(body(Base, { name: 'a', size: 2 }))).toEqual(['size']);
    expect(await refusal(body(Later, { name: 'a', code: 'x', size: 2 }))).toEqual(['size']);
    expect(getMetadataStorage().getTargetValidationMetadatas(Later, '', false, false).some((rule) => rule.propertyName === 'size')).toBe(true);
  });
});
