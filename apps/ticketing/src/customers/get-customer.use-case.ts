import { Injectable } from '@nestjs/common';
import { DomainError, type CustomerReply, type CustomerRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { toCustomerReply } from './customer.view';
import { CustomersPort } from './customers.port';

@Injectable()
export class GetCustomerUseCase {
  constructor(private readonly customers: CustomersPort) {}

  async execute(input: CustomerRequest): Promise<CustomerReply> {
    const customer = await this.customers.find(asOrgId(input.organizationId), input.customerId.toLowerCase());
    if (!customer) throw new DomainError('CUSTOMER_NOT_FOUND', `Customer ${input.customerId} not found`);
    return toCustomerReply(customer);
  }
}
