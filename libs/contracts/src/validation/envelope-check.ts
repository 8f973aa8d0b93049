import { CLOUDEVENTS_SPEC_VERSION, ENVELOPE_CONTENT_TYPE, type EventEnvelope } from '../envelope';
import type { PayloadOf, RegisteredSubject } from '../registry/registry';
import { TIMESTAMP_PATTERN } from './decorators';
import { unsafeInputFields } from './input-rule';
import { validatePayload, type ValidationResult } from './validate';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;
const ENVELOPE_KEYS = new Set([
  'specversion', 'id', 'source', 'type', 'time', 'subject', 'datacontenttype',
  'data', 'orgid', 'correlationid', 'causationid', 'traceparent',
]);

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

function envelopeProblems(value: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => ok || problems.push(message);
  check(value.specversion === CLOUDEVENTS_SPEC_VERSION, `specversion must be ${CLOUDEVENTS_SPEC_VERSION}`);
  check(typeof value.id === 'string' && UUID_V7.test(value.id), 'id must be a UUIDv7');
  check(isString(value.source), 'source must be a non-empty string');
  check(isString(value.type), 'type must be a non-empty string');
  check(typeof value.time === 'string' && TIMESTAMP_PATTERN.test(value.time), 'time must be an RFC 3339 date-time');
  check(value.subject === undefined || isString(value.subject), 'subject must be a non-empty string');
  check(value.datacontenttype === ENVELOPE_CONTENT_TYPE, `datacontenttype must be ${ENVELOPE_CONTENT_TYPE}`);
  check('data' in value, 'data is required');
  check(value.orgid === null || isString(value.orgid), 'orgid must be a string or null');
  check(isString(value.correlationid), 'correlationid must be a non-empty string');
  check(value.causationid === null || isString(value.causationid), 'causationid must be a string or null');
  check(
    value.traceparent === undefined || (typeof value.traceparent === 'string' && TRACEPARENT.test(value.traceparent)),
    'traceparent must be a W3C traceparent',
  );
  for (const key of Object.keys(value)) check(ENVELOPE_KEYS.has(key), `${key} is not an envelope attribute`);
  const { data: _data, ...attributes } = value; // data is its payload class's to check
  for (const bad of unsafeInputFields(attributes)) problems.push(bad.message);
  return problems;
}

/** Checks the CloudEvents attributes only (not `data`). */
export function validateEnvelope(value: unknown): ValidationResult<EventEnvelope> {
  const problems =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? envelopeProblems(value as Record<string, unknown>)
      : ['envelope must be a JSON object'];
  if (problems.length > 0) {
    return { ok: false, errors: problems, fieldErrors: problems.map((message) => ({ field: '', message })) };
  }
  return { ok: true, value: value as EventEnvelope };
}

/**
 * Checks a whole message: the envelope, then `data` against the payload class of its
 * `type`, and that `orgid` agrees with `data.organizationId` (invariant 6).
 */
export function validateMessage<S extends RegisteredSubject = RegisteredSubject>(
  value: unknown,
): ValidationResult<EventEnvelope<PayloadOf<S>, S>> {
  const envelope = validateEnvelope(value);
  if (!envelope.ok) return envelope;
  const payload = validatePayload(envelope.value.type, envelope.value.data);
  if (!payload.ok) {
    const fieldErrors = payload.fieldErrors.map((e) => ({ ...e, field: e.field ? `data.${e.field}` : 'data' }));
    return { ok: false, errors: fieldErrors.map((e) => `${e.field}: ${e.message}`), fieldErrors };
  }
  const orgInData = (payload.value as { organizationId?: unknown }).organizationId;
  if (orgInData !== undefined && orgInData !== envelope.value.orgid) {
    const message = 'orgid must equal data.organizationId';
    return { ok: false, errors: [message], fieldErrors: [{ field: 'orgid', message }] };
  }
  return { ok: true, value: { ...envelope.value, data: payload.value } as EventEnvelope<PayloadOf<S>, S> };
}
