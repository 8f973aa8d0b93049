import type { CustomerFieldsV1 } from '@santral/contracts';
import type { Customer } from './customer';

const trimmedOrNull = (v: string | null | undefined, current: string | null): string | null =>
  v === undefined ? current : v === null ? null : v.trim() === '' ? null : v.trim();

/** The customer with the given fields changed (`undefined` keeps a field, `null` clears an optional one). */
export function applyCustomerFields(current: Customer, fields: CustomerFieldsV1): Customer {
  return {
    ...current,
    name: fields.name !== undefined ? fields.name.trim() || current.name : current.name,
    email: trimmedOrNull(fields.email, current.email),
    company: trimmedOrNull(fields.company, current.company),
    notes: trimmedOrNull(fields.notes, current.notes),
    customFields: fields.customFields ?? current.customFields,
  };
}
