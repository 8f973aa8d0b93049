import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, type ProblemFieldError } from '@santral/contracts';

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
 * Global pipe: unknown properties are rejected, not silently dropped; types are never coerced
 * from a JSON body (query strings convert with explicit @Type).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => DomainError.validation(fieldErrors(errors)),
  });
}
