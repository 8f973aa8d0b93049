import { Controller } from '@nestjs/common';
import {
  CustomerCardRequest,
  CustomerCreateRequest,
  CustomerListRequest,
  CustomerLookupRequest,
  CustomerPhoneLinkRequest,
  CustomerPhoneUnlinkRequest,
  CustomerRequest,
  CustomerUpdateRequest,
  EnrichmentConfigureRequest,
  EnrichmentRequest,
  Rpc,
  type CustomerLookupReply,
} from '@santral/contracts';
import { RpcHandler } from '@santral/messaging';
import { ConfigureEnrichmentUseCase } from './configure-enrichment.use-case';
import { CreateCustomerUseCase } from './create-customer.use-case';
import { GetCustomerUseCase } from './get-customer.use-case';
import { GetEnrichmentUseCase } from './get-enrichment.use-case';
import { LinkPhoneUseCase } from './link-phone.use-case';
import { ListCustomersUseCase } from './list-customers.use-case';
import { LookupCardUseCase } from './lookup-card.use-case';
import { UnlinkPhoneUseCase } from './unlink-phone.use-case';
import { UpdateCustomerUseCase } from './update-customer.use-case';

/** NATS request/reply adapter for /v1/customers; payloads arrive validated against their contracts class. */
@Controller()
export class CustomersMessagesController {
  constructor(
    private readonly createCustomer: CreateCustomerUseCase,
    private readonly updateCustomer: UpdateCustomerUseCase,
    private readonly getCustomer: GetCustomerUseCase,
    private readonly listCustomers: ListCustomersUseCase,
    private readonly linkPhone: LinkPhoneUseCase,
    private readonly unlinkPhone: UnlinkPhoneUseCase,
    private readonly lookupCard: LookupCardUseCase,
    private readonly configureEnrichment: ConfigureEnrichmentUseCase,
    private readonly getEnrichment: GetEnrichmentUseCase,
  ) {}

  @RpcHandler(Rpc.Ticketing.CustomerCreate)
  create(input: CustomerCreateRequest) {
    return this.createCustomer.execute(input);
  }

  @RpcHandler(Rpc.Ticketing.CustomerUpdate)
  update(input: CustomerUpdateRequest) {
    return this.updateCustomer.execute(input);
  }

  @RpcHandler(Rpc.Ticketing.CustomerGet)
  get(input: CustomerRequest) {
    return this.getCustomer.execute(input);
  }

  @RpcHandler(Rpc.Ticketing.CustomerList)
  list(input: CustomerListRequest) {
    return this.listCustomers.execute(input);
  }

  @RpcHandler(Rpc.Ticketing.CustomerPhoneLink)
  link(input: CustomerPhoneLinkRequest) {
    return this.linkPhone.execute(input);
  }

  @RpcHandler(Rpc.Ticketing.CustomerPhoneUnlink)
  unlink(input: CustomerPhoneUnlinkRequest) {
    return this.unlinkPhone.execute(input);
  }

  @RpcHandler(Rpc.Ticketing.CustomerCard)
  card(input: CustomerCardRequest) {
    return this.lookupCard.execute(input);
  }

  /** The older, smaller lookup: the same card, in the CustomerCardV1 shape of the events. */
  @RpcHandler(Rpc.Ticketing.CustomerLookup)
  async lookup(input: CustomerLookupRequest): Promise<CustomerLookupReply> {
    const card = await this.lookupCard.execute(input);
    const c = card.customer;
    return {
      matched: card.matched,
      ...(card.phone ? { phone: card.phone } : {}),
      ...(c ? { customer: { customerId: c.customerId, name: c.name, phones: c.phones, openTicketCount: card.openTicketCount, ...(card.lastTicketId ? { lastTicketId: card.lastTicketId } : {}), ...(c.notes ? { notes: c.notes.slice(0, 2000) } : {}) } } : {}),
    };
  }

  @RpcHandler(Rpc.Ticketing.EnrichmentConfigure)
  configure(input: EnrichmentConfigureRequest) {
    return this.configureEnrichment.execute(input);
  }

  @RpcHandler(Rpc.Ticketing.EnrichmentGet)
  enrichment(input: EnrichmentRequest) {
    return this.getEnrichment.execute(input);
  }
}
