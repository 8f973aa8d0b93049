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
