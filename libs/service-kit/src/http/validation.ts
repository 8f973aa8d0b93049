import { type ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, unsafeInputFields, type ProblemFieldError } from '@santral/contracts';

/** Flattens class-validator errors to dotted field paths (`limits.concurrentSlots`, `numbers.3`). */
export function fieldErrors(errors: ValidationError[], parent = ''): ProblemFieldError[] {
  return errors.flatMap((error) => {
    const field = error.property === undefined || error.property === '' ? parent : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field: field || 'body',
      message: message.includes('an unknown value was passed') ? 'the body must be a JSON object' : message,
    }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/**
 * Nest's ValidationPipe behind contracts' input rule: every string of a body, query or path
 * (keys of free objects too, and arguments without a DTO class) is checked, and nesting bounded,
 * before the class is, so no route can hand Postgres a NUL or an unpaired surrogate, or the
 * validators a body deep enough to exhaust their stack.
 */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const bad = unsafeInputFields(value).map((e) => ({ ...e, field: e.field || (metadata.data ?? metadata.type) }));
      if (bad.length > 0) throw DomainError.validation(bad);
    }
    return super.transform(value, metadata);
  }
}

/**
 * Global pipe: the input rule first; unknown properties are rejected, not silently dropped; types
 * are never coerced from a JSON body (query strings convert with explicit @Type).
 */
export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => DomainError.validation(fieldErrors(errors)),
  });
}
