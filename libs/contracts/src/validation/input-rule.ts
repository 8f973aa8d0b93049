import type { ProblemFieldError } from '../errors/problems';

/**
 * The one rule for text that enters the system, whatever the route (HTTP body, query, path,
 * RPC request, event): no NUL (Postgres text and jsonb cannot hold it) and no UTF-16
 * surrogate without its pair (it has no UTF-8 form). Everything else is the field's own rule.
 */
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSAFE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/**
 * How deeply input may nest (objects and arrays, the top one counted). The validators and
 * Postgres' jsonb recurse; past this a hostile body would exhaust their stack, not ours.
 */
export const MAX_INPUT_DEPTH = 32;

export function isSafeText(value: string): boolean {
  return !UNSAFE_TEXT.test(value);
}

function join(parent: string, key: string | number): string {
  return parent ? `${parent}.${key}` : String(key);
}

/**
 * Everything in `value` that breaks the input rule (text rule above, for object keys too, at
 * any depth; nesting within MAX_INPUT_DEPTH), as field errors with dotted paths from `root`
 * (`settings.label`, `numbers.3`; '' for `value` itself). A bad key is reported on the object
 * that holds it. Iterative: a deeply nested value cannot overflow the stack here either.
 */
export function unsafeInputFields(value: unknown, root = ''): ProblemFieldError[] {
  const found: ProblemFieldError[] = [];
  const report = (field: string, message: string) => found.push({ field, message });
  const pending: Array<[unknown, string, number]> = [[value, root, 1]];
  while (pending.length > 0) {
    const [current, path, depth] = pending.pop()!;
    if (typeof current === 'string') {
      if (!isSafeText(current)) report(path, `${path || 'the value'} ${UNSAFE_TEXT_MESSAGE}`);
    } else if (typeof current === 'object' && current !== null) {
      if (depth > MAX_INPUT_DEPTH) {
        report(path, `${path || 'the value'} nests deeper than ${MAX_INPUT_DEPTH} levels`);
      } else if (Array.isArray(current)) {
        current.forEach((item, index) => pending.push([item, join(path, index), depth + 1]));
      } else {
        for (const [key, item] of Object.entries(current)) {
          if (!isSafeText(key)) report(path, `the keys of ${path || 'the object'} ${UNSAFE_TEXT_MESSAGE}`);
          else pending.push([item, join(path, key), depth + 1]);
        }
      }
    }
  }
  return found.reverse();
}
