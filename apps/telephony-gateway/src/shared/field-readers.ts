import { WebhookPayloadError } from '../providers/provider.port';

/**
 * Defensive readers for provider payloads: every malformed shape becomes a
 * WebhookPayloadError (→ 400) instead of a TypeError (→ 500).
 */
export type Json = Record<string, unknown>;

export function parseJsonObject(raw: Buffer): Json {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new WebhookPayloadError('body is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new WebhookPayloadError('body must be a JSON object');
  return value as Json;
}

export function record(obj: Json, key: string, required = false): Json {
  const v = obj[key];
  if (v === undefined || v === null) {
    if (required) throw new WebhookPayloadError(`${key} is required`);
    return {};
  }
  if (typeof v !== 'object' || Array.isArray(v)) throw new WebhookPayloadError(`${key} must be an object`);
  return v as Json;
}

export function optString(obj: Json, key: string, max = 2000): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') throw new WebhookPayloadError(`${key} must be a string`);
  if (v.length > max) throw new WebhookPayloadError(`${key} is too long`);
  if (v.includes('\u0000')) throw new WebhookPayloadError(`${key} contains a NUL character`);
  return v;
}

export function reqString(obj: Json, key: string, max = 2000): string {
  const v = optString(obj, key, max);
  if (v === undefined) throw new WebhookPayloadError(`${key} is required`);
  return v;
}

/** Non-negative integer seconds; numeric strings accepted (template-filled bodies). */
export function seconds(obj: Json, key: string): number {
  const v = obj[key];
  if (v === undefined || v === null || v === '') return 0;
  const n = typeof v === 'string' && /^\d{1,9}(\.\d+)?$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > 864_000) throw new WebhookPayloadError(`${key} must be a non-negative number`);
  return Math.round(n);
}

export function optInt(obj: Json, key: string, min: number, max: number): number | undefined {
  const v = obj[key];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'string' && /^-?\d{1,9}$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) throw new WebhookPayloadError(`${key} must be an integer in ${min}..${max}`);
  return n;
}

export function bool(obj: Json, key: string): boolean {
  const v = obj[key];
  if (v === undefined || v === null || v === '') return false;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 1 || v === '1') return true;
  if (v === 'false' || v === 0 || v === '0') return false;
  throw new WebhookPayloadError(`${key} must be a boolean`);
}

/** A list of short strings; a comma-separated string is accepted too. */
export function stringList(obj: Json, key: string, maxItems = 50, maxLen = 200): string[] {
  const v = obj[key];
  if (v === undefined || v === null || v === '') return [];
  const items = typeof v === 'string' ? v.split(',') : v;
  if (!Array.isArray(items) || items.length > maxItems) throw new WebhookPayloadError(`${key} must be a list of at most ${maxItems}`);
  return items.map((item) => {
    const s = typeof item === 'number' && Number.isFinite(item) ? String(item) : item;
    if (typeof s !== 'string' || s.length > maxLen || s.includes('\u0000')) throw new WebhookPayloadError(`${key} has an invalid item`);
    return s.trim();
  }).filter((s) => s.length > 0);
}

export function timestamp(obj: Json, key: string, fallback: Date): Date {
  const v = obj[key];
  if (v === undefined || v === null || v === '') return fallback;
  const d = typeof v === 'number' ? new Date(v > 1e12 ? v : v * 1000) : typeof v === 'string' ? new Date(v.replace(' ', 'T')) : new Date(NaN);
  if (Number.isNaN(d.getTime()) || d.getFullYear() < 2000 || d.getFullYear() > 2200) throw new WebhookPayloadError(`${key} must be a timestamp`);
  return d;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function optUuid(obj: Json, key: string): string | undefined {
  const v = optString(obj, key, 100);
  return v !== undefined && UUID_RE.test(v) ? v.toLowerCase() : undefined;
}
