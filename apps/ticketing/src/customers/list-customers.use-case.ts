import { Injectable } from '@nestjs/common';
import { DomainError, type CustomerListRequest, type CustomerPageReply } from '@santral/contracts';
import { asOrgId, pageRequest } from '@santral/persistence';
import { prefixQuery } from './customer-search';
import { toCustomerReply } from './customer.view';
import { CustomersPort } from './customers.port';

/** The organization's customers, newest first; `q` keeps those whose texts contain every word (as a prefix, Turkish-folded). */
@Injectable()
export class ListCustomersUseCase {
  constructor(private readonly customers: CustomersPort) {}

  async execute(input: CustomerListRequest): Promise<CustomerPageReply> {
    const tsquery = input.q === undefined ? null : prefixQuery(input.q);
    if (input.q !== undefined && tsquery === null) throw DomainError.validation([{ field: 'q', message: 'q must contain a letter or a digit' }], 'The search is not valid');
    const { items, nextCursor } = await this.customers.page(asOrgId(input.organizationId), pageRequest(input.limit, input.cursor), tsquery);
    return { items: items.map(toCustomerReply), nextCursor };
  }
}
