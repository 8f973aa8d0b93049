/** Metadata of `@Idempotent({ required: true })`: the route refuses a request without Idempotency-Key. */
export const IDEMPOTENCY_KEY_REQUIRED = 'santral:idempotency-key-required';
