import { Injectable } from '@nestjs/common';
import { DomainError, Rpc, type CustomerPhoneLinkRequest, type CustomerReply } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { Clock, IdempotentCommands } from '@santral/service-kit';
import { customerPhone } from './customer-phone';
import { toCustomerReply } from './customer.view';
import { CustomersPort, OrganizationCountry } from './customers.port';
import { requireCountry } from './create-customer.use-case';
import { linkOrRefuse } from './link-or-refuse';

/** J2: the number of an unknown caller is added to an existing customer; a number held by another customer is PHONE_ALREADY_LINKED. */
@Injectable()
export class LinkPhoneUseCase {
  constructor(
    private readonly customers: CustomersPort,
    private readonly country: OrganizationCountry,
    private readonly commands: IdempotentCommands,
    private readonly clock: Clock,
  ) {}

  async execute(input: CustomerPhoneLinkRequest): Promise<CustomerReply> {
    const orgId = asOrgId(input.organizationId);
    const phone = customerPhone(input.phone, await requireCountry(this.country, orgId), 'phone');
    return this.commands.run(orgId, Rpc.Ticketing.CustomerPhoneLink, input.idempotencyKey, async (tx) => {
      const customer = await this.customers.findForUpdate(orgId, input.customerId.toLowerCase(), tx);
      if (!customer) throw new DomainError('CUSTOMER_NOT_FOUND', `Customer ${input.customerId} not found`);
      const now = this.clock.now();
      if (await linkOrRefuse(this.customers, orgId, customer.id, phone, now, tx, 'phone')) customer.phones.push(phone);
      return toCustomerReply(customer);
    });
  }
}
