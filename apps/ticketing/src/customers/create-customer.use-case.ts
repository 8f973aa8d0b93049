import { Injectable } from '@nestjs/common';
import { DomainError, Rpc, type CustomerCreateRequest, type CustomerReply } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { Clock, IdempotentCommands } from '@santral/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { applyCustomerFields } from './apply-customer-fields';
import type { Customer, CustomerPhone } from './customer';
import { customerPhone } from './customer-phone';
import { toCustomerReply } from './customer.view';
import { CustomersPort, OrganizationCountry } from './customers.port';
import { linkOrRefuse } from './link-or-refuse';

/** Creates a customer with its phones (B2): every phone E.164 with its caller-ID key; a number of another customer refuses the whole request. */
@Injectable()
export class CreateCustomerUseCase {
  constructor(
    private readonly customers: CustomersPort,
    private readonly country: OrganizationCountry,
    private readonly commands: IdempotentCommands,
    private readonly clock: Clock,
  ) {}

  async execute(input: CustomerCreateRequest): Promise<CustomerReply> {
    const orgId = asOrgId(input.organizationId);
    if (!input.name?.trim()) throw DomainError.validation([{ field: 'name', message: 'name is required' }], 'The customer is not valid');
    const phones = await this.phonesOf(orgId, input.phones ?? []);
    const now = this.clock.now();
    const blank: Customer = { id: uuidv7(), organizationId: orgId, name: input.name.trim(), email: null, company: null, notes: null, customFields: {}, phones, createdAt: now, updatedAt: now };
    const customer = applyCustomerFields(blank, input);
    return this.commands.run(orgId, Rpc.Ticketing.CustomerCreate, input.idempotencyKey, async (tx) => {
      await this.customers.insert(customer, tx);
      for (const [i, phone] of phones.entries()) await linkOrRefuse(this.customers, orgId, customer.id, phone, now, tx, `phones.${i}`);
      return toCustomerReply(customer);
    });
  }

  private async phonesOf(orgId: ReturnType<typeof asOrgId>, raws: string[]): Promise<CustomerPhone[]> {
    if (raws.length === 0) return [];
    const country = await requireCountry(this.country, orgId);
    const byKey = new Map<string, CustomerPhone>();
    raws.forEach((raw, i) => {
      const phone = customerPhone(raw, country, `phones.${i}`);
      if (!byKey.has(phone.callerIdKey)) byKey.set(phone.callerIdKey, phone);
    });
    return [...byKey.values()];
  }
}

/** The organization's default country; until the organization's settings arrived, a retryable 503. */
export async function requireCountry(country: OrganizationCountry, orgId: ReturnType<typeof asOrgId>): Promise<string> {
  const code = await country.of(orgId);
  if (code === null) throw new DomainError('SERVICE_UNAVAILABLE', "The ticketing service has not received this organization's settings yet; retry shortly");
  return code;
}
