export type ValidationResult<T = unknown> = { ok: true; value: T } | { ok: false; errors: string[] };

/**
 * Checks (and may transform) an event's `data` for its subject. The contracts
 * registry's `validatePayload` fits; a failure dead-letters the event at once.
 */
export type PayloadValidator = (subject: string, data: unknown) => ValidationResult;
