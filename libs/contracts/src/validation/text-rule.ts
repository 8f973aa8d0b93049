import type { ProblemFieldError } from '../errors/problems';

/**
 * The one rule for text that enters the system, whatever the route (HTTP body, query, path,
 * RPC request, event): no NUL (Postgres text and jsonb cannot hold it) and no UTF-16
 * surrogate without its pair (it has no UTF-8 form). Everything else is the field's own rule.
 */
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSAFE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

export function isSafeText(value: string): boolean {
  return !UNSAFE_TEXT.test(value);
}

function join(parent: string, key: string | number): string {
  return parent ? `${parent}.${key}` : String(key);
}

/**
 * Every string in `value` (object keys included, at any depth) that breaks the text rule, as
 * field errors with dotted paths from `root` (`settings.label`, `numbers.3`; '' for `value`
 * itself); a bad key is reported on the object that holds it. Iterative: a deeply nested
 * value cannot overflow the stack.
 */
export function unsafeTextFields(value: unknown, root = ''): ProblemFieldError[] {
  const found: ProblemFieldError[] = [];
  const report = (field: string, what: string) => found.push({ field, message: `${what} ${UNSAFE_TEXT_MESSAGE}` });
  const pending: Array<[unknown, string]> = [[value, root]];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const [current, path] = pending.pop()!;
    if (typeof current === 'string') {
      if (!isSafeText(current)) report(path, path || 'the value');
    } else if (typeof current === 'object' && current !== null && !seen.has(current)) {
      seen.add(current);
      if (Array.isArray(current)) {
        current.forEach((item, index) => pending.push([item, join(path, index)]));
      } else {
        for (const [key, item] of Object.entries(current)) {
          if (!isSafeText(key)) report(path, `the keys of ${path || 'the object'}`);
          else pending.push([item, join(path, key)]);
        }
      }
    }
  }
  return found.reverse();
}
