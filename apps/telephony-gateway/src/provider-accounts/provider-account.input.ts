import { PROVIDER_ACCOUNT_LIMITS as LIMITS } from '@santral/contracts';
import { asOrgId, type OrgId } from '@santral/persistence';
import { TelephonyError } from '../shared/telephony.error';
import { PROVIDER_TYPES, type ProviderType } from './provider-account.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type FieldError = { field: string; message: string };

function fail(errors: FieldError[]): never {
  throw new TelephonyError('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function readOrgId(body: Record<string, unknown>): OrgId {
  const v = body.organizationId;
  if (typeof v !== 'string' || !UUID.test(v)) fail([{ field: 'organizationId', message: 'must be a UUID' }]);
  return asOrgId(v);
}

export function readId(body: Record<string, unknown>, field = 'id'): string {
  const v = body[field];
  if (typeof v !== 'string' || !UUID.test(v)) throw new TelephonyError('PROVIDER_ACCOUNT_NOT_FOUND', `${field} must be a provider account id`);
  return v.toLowerCase();
}

export interface AccountFields {
  type?: ProviderType;
  name?: string;
  settings?: Record<string, unknown>;
  secrets?: Record<string, string>;
}

/** Validates the body of POST/PATCH /v1/provider-accounts; `create` requires type and name. */
export function readAccountFields(body: Record<string, unknown>, create: boolean): AccountFields {
  const errors: FieldError[] = [];
  const out: AccountFields = {};
  if (create || body.type !== undefined) {
    if (typeof body.type !== 'string' || !(PROVIDER_TYPES as readonly string[]).includes(body.type)) errors.push({ field: 'type', message: `must be one of ${PROVIDER_TYPES.join(', ')}` });
    else out.type = body.type as ProviderType;
  }
  if (create || body.name !== undefined) {
    if (typeof body.name !== 'string' || body.name.trim().length === 0 || body.name.length > LIMITS.nameLength) errors.push({ field: 'name', message: `must be 1..${LIMITS.nameLength} characters` });
    else out.name = body.name.trim();
  }
  if (body.settings !== undefined) {
    if (!isPlainObject(body.settings) || JSON.stringify(body.settings).length > LIMITS.settingsBytes) errors.push({ field: 'settings', message: `must be an object (≤ ${LIMITS.settingsBytes / 1000} kB)` });
    else out.settings = body.settings;
  }
  if (body.secrets !== undefined) {
    if (!isPlainObject(body.secrets)) errors.push({ field: 'secrets', message: 'must be an object of strings' });
    else {
      const secrets: Record<string, string> = {};
      for (const [k, v] of Object.entries(body.secrets)) {
        if (typeof v !== 'string' || v.length === 0 || v.length > LIMITS.secretLength) errors.push({ field: `secrets.${k}`, message: 'must be a non-empty string' });
        else secrets[k] = v;
      }
      out.secrets = secrets;
    }
  }
  if (errors.length) fail(errors);
  return out;
}

export function readOperators(body: Record<string, unknown>): Record<string, string> {
  const list = body.operators;
  if (!Array.isArray(list) || list.length > LIMITS.operators) fail([{ field: 'operators', message: 'must be a list of { providerEmployeeId, userId }' }]);
  const map: Record<string, string> = {};
  list.forEach((item: unknown, i) => {
    const o = isPlainObject(item) ? item : {};
    const emp = typeof o.providerEmployeeId === 'number' ? String(o.providerEmployeeId) : o.providerEmployeeId;
    if (typeof emp !== 'string' || emp.length === 0 || emp.length > LIMITS.employeeIdLength) fail([{ field: `operators[${i}].providerEmployeeId`, message: 'required' }]);
    if (typeof o.userId !== 'string' || !UUID.test(o.userId)) fail([{ field: `operators[${i}].userId`, message: 'must be a UUID' }]);
    map[emp] = o.userId.toLowerCase();
  });
  return map;
}

export function validationFailed(problems: string[]): never {
  fail(problems.map((p) => ({ field: p.split(' ')[0] ?? '', message: p })));
}
