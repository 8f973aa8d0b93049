import { Injectable } from '@nestjs/common';
import { DomainError, Rpc, type CustomerReply, type CustomerUpdateRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { Clock, IdempotentCommands } from '@santral/service-kit';
import { applyCustomerFields } from './apply-customer-fields';
import { toCustomerReply } from './customer.view';
import { CustomersPort } from './customers.port';

/** Changes some fields of a customer (the row is locked; concurrent edits serialize). Phones change through link/unlink. */
@Injectable()
export class UpdateCustomerUseCase {
  constructor(
    private readonly customers: CustomersPort,
    private readonly commands: IdempotentCommands,
    private readonly clock: Clock,
  ) {}

  async execute(input: CustomerUpdateRequest): Promise<CustomerReply> {
    const orgId = asOrgId(input.organizationId);
    const { organizationId: _org, customerId, idempotencyKey, ...fields } = input;
    if (Object.values(fields).every((v) => v === undefined)) {
      throw DomainError.validation([{ field: 'body', message: 'give at least one field to change' }], 'Nothing to update');
    }
    if (fields.name !== undefined && !fields.name.trim()) throw DomainError.validation([{ field: 'name', message: 'name may not be blank' }], 'The customer is not valid');
    return this.commands.run(orgId, Rpc.Ticketing.CustomerUpdate, idempotencyKey, async (tx) => {
      const current = await this.customers.findForUpdate(orgId, customerId.toLowerCase(), tx);
      if (!current) throw new DomainError('CUSTOMER_NOT_FOUND', `Customer ${customerId} not found`);
      const next = { ...applyCustomerFields(current, fields), updatedAt: this.clock.now() };
      await this.customers.update(next, tx);
      return toCustomerReply(next);
    });
  }
}
