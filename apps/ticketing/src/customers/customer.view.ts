import type { CustomerReply } from '@santral/contracts';
import type { Customer } from './customer';

export function toCustomerReply(c: Customer): CustomerReply {
  return {
    organizationId: c.organizationId,
    customerId: c.id,
    name: c.name,
    ...(c.email !== null ? { email: c.email } : {}),
    ...(c.company !== null ? { company: c.company } : {}),
    ...(c.notes !== null ? { notes: c.notes } : {}),
    customFields: c.customFields,
    phones: c.phones.map((p) => p.e164),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
