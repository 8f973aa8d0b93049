import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { ProblemFieldError } from '../errors/problems';
import { messageFor, type PayloadOf, type RegisteredSubject, type ReplyOf } from '../registry/registry';
import type { PayloadClass } from '../registry/define';
import { unsafeInputFields } from './input-rule';
import { memoizeValidationMetadata } from './metadata-memo';

export * from './input-rule';

export type ValidationResult<T> =
  | { ok: true; value: T }
  | { ok: false; errors: string[]; fieldErrors: ProblemFieldError[] };

memoizeValidationMetadata();

const VALIDATOR_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
} as const;

function flatten(errors: ValidationError[], parent = ''): ProblemFieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

function failure(fieldErrors: ProblemFieldError[]): ValidationResult<never> {
  return { ok: false, errors: fieldErrors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)), fieldErrors };
}

/**
 * Validates plain JSON against a payload class: the input rule (text rule over every string,
 * keys of free objects included; bounded nesting), then the class, with no implicit conversion and unknown properties
 * rejected. On success `value` is an instance of the class.
 */
export function validateAgainst<T extends object>(cls: PayloadClass<T>, data: unknown): ValidationResult<T> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return failure([{ field: '', message: 'payload must be a JSON object' }]);
  }
  const badInput = unsafeInputFields(data);
  if (badInput.length > 0) return failure(badInput);
  const instance = plainToInstance(cls, data);
  const errors = flatten(validateSync(instance, VALIDATOR_OPTIONS));
  return errors.length === 0 ? { ok: true, value: instance } : failure(errors);
}

/** Validates the data part of a message published on (or requested at) `subject`. */
export function validatePayload<S extends RegisteredSubject>(subject: S, data: unknown): ValidationResult<PayloadOf<S>>;
export function validatePayload(subject: string, data: unknown): ValidationResult<object>;
export function validatePayload(subject: string, data: unknown): ValidationResult<object> {
  const message = messageFor(subject);
  if (!message) return failure([{ field: '', message: `unknown subject ${subject}` }]);
  return validateAgainst(message.payload, data);
}

/** Validates the reply of a request/reply subject. */
export function validateReply<S extends RegisteredSubject>(subject: S, data: unknown): ValidationResult<ReplyOf<S>>;
export function validateReply(subject: string, data: unknown): ValidationResult<object>;
export function validateReply(subject: string, data: unknown): ValidationResult<object> {
  const message = messageFor(subject);
  if (!message?.reply) return failure([{ field: '', message: `no reply is defined for ${subject}` }]);
  return validateAgainst(message.reply, data);
}
