import { Injectable } from '@nestjs/common';
import { DomainError, type CustomerPhoneUnlinkRequest, type CustomerReply } from '@santral/contracts';
import { asOrgId, TransactionRunner } from '@santral/persistence';
import { callerIdKey } from '@santral/phone';
import { toCustomerReply } from './customer.view';
import { CustomersPort, OrganizationCountry } from './customers.port';
import { requireCountry } from './create-customer.use-case';

/** Removes a number from a customer; a number the customer does not have is NOT_FOUND. */
@Injectable()
export class UnlinkPhoneUseCase {
  constructor(
    private readonly customers: CustomersPort,
    private readonly country: OrganizationCountry,
    private readonly transactions: TransactionRunner,
  ) {}

  async execute(input: CustomerPhoneUnlinkRequest): Promise<CustomerReply> {
    const orgId = asOrgId(input.organizationId);
    const key = callerIdKey(input.phone, await requireCountry(this.country, orgId));
    return this.transactions.run(async (tx) => {
      const customer = await this.customers.findForUpdate(orgId, input.customerId.toLowerCase(), tx);
      if (!customer) throw new DomainError('CUSTOMER_NOT_FOUND', `Customer ${input.customerId} not found`);
      if (key === null || !(await this.customers.removePhone(orgId, customer.id, key, tx))) {
        throw new DomainError('NOT_FOUND', `Customer ${customer.id} has no phone ${input.phone}`);
      }
      return toCustomerReply({ ...customer, phones: customer.phones.filter((p) => p.callerIdKey !== key) });
    });
  }
}
