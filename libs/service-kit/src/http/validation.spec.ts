import type { ArgumentMetadata } from '@nestjs/common';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { createValidationPipe } from './validation';

class Inner {
  @IsInt()
  @Min(1)
  slots: number;
}

class Body {
  @IsString()
  name: string;

  @ValidateNested()
  @Type(() => Inner)
  limits: Inner;
}

const meta: ArgumentMetadata = { type: 'body', metatype: Body };

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();

  it('reports unknown, mistyped and nested fields by dotted path', async () => {
    const error = await pipe.transform({ name: 1, limits: { slots: 0, extra: true }, unknown: 'x' }, meta).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    const fields = (error as { extra: { errors: Array<{ field: string }> } }).extra.errors.map((e) => e.field).sort();
    expect(fields).toEqual(['limits.extra', 'limits.slots', 'name', 'unknown']);
  });

  it('does not coerce strings to numbers in a body', async () => {
    await expect(pipe.transform({ name: 'a', limits: { slots: '3' } }, meta)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses a body that is not an object', async () => {
    const error = await pipe.transform([1, 2], meta).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('passes a valid body through as an instance', async () => {
    await expect(pipe.transform({ name: 'a', limits: { slots: 3 } }, meta)).resolves.toBeInstanceOf(Body);
  });
});

describe('the input rule in the validation pipe', () => {
  const pipe = createValidationPipe();
  const fieldsOf = async (value: unknown, metadata: ArgumentMetadata) => {
    const error = await pipe.transform(value, metadata).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    return (error as { extra: { errors: Array<{ field: string }> } }).extra.errors.map((e) => e.field).sort();
  };

  it('refuses a NUL or an unpaired surrogate in a body, naming the field, nested keys of free objects included', async () => {
    await expect(fieldsOf({ name: 'a\u0000', limits: { slots: 3 } }, meta)).resolves.toEqual(['name']);
    await expect(fieldsOf({ name: 'a\uD800', limits: { slots: 3 } }, meta)).resolves.toEqual(['name']);
    await expect(fieldsOf({ name: 'a', limits: { slots: 3, ['x\uDC00']: 1 } }, meta)).resolves.toEqual(['limits']);
    await expect(fieldsOf('\u0000', meta)).resolves.toEqual(['body']);
    await expect(pipe.transform({ name: 'a \uD83D\uDE00', limits: { slots: 3 } }, meta)).resolves.toBeInstanceOf(Body);
  });

  it('checks query strings and path parameters, and arguments without a DTO class', async () => {
    await expect(fieldsOf({ cursor: '\u0000' }, { type: 'query', metatype: Object })).resolves.toEqual(['cursor']);
    await expect(fieldsOf({ id: 'x\u0000' }, { type: 'param', metatype: Object })).resolves.toEqual(['id']);
    await expect(fieldsOf('\u0000', { type: 'param', metatype: String, data: 'id' })).resolves.toEqual(['id']);
    await expect(fieldsOf({ free: { deep: ['\u0000'] } }, { type: 'body', metatype: Object })).resolves.toEqual(['free.deep.0']);
  });

  it('refuses a body nested too deeply before class-transformer recurses into it', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5_000; i++) deep = [deep];
    const error = await pipe.transform({ name: 'a', limits: { slots: 3 }, extra: deep }, meta).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', extra: { errors: [{ message: expect.stringContaining('nests deeper') }] } });
  });

  it('leaves custom parameter decorators (the caller organization, headers) alone', async () => {
    await expect(pipe.transform('\u0000', { type: 'custom' })).resolves.toBe('\u0000');
  });
});
