import { DomainError } from '@santral/contracts';
import type { OrgId, Tx } from '@santral/persistence';
import type { CustomerPhone } from './customer';
import type { CustomersPort } from './customers.port';

/**
 * Links a phone to a customer in the caller's transaction. The same customer linking it again is a
 * no-op (false); another customer holding it is PHONE_ALREADY_LINKED, naming that customer.
 */
export async function linkOrRefuse(customers: CustomersPort, orgId: OrgId, customerId: string, phone: CustomerPhone, at: Date, tx: Tx, field: string): Promise<boolean> {
  if (await customers.addPhone(orgId, customerId, phone, at, tx)) return true;
  const owner = await customers.ownerOf(orgId, phone.callerIdKey, tx);
  if (owner === customerId) return false;
  throw new DomainError('PHONE_ALREADY_LINKED', `${phone.e164} already belongs to another customer of the organization`, {
    customerId: owner,
    errors: [{ field, message: `${phone.e164} is linked to customer ${owner}`, code: 'PHONE_ALREADY_LINKED' }],
  });
}
