import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { TicketingConfig } from '../config';
import { SqlCardReader } from './card.reader';
import { ConfigureEnrichmentUseCase, ENRICHMENT_ALLOW_PRIVATE } from './configure-enrichment.use-case';
import { CreateCustomerUseCase } from './create-customer.use-case';
import { CustomerCallsRepository, InboundMatchesRepository } from './customer-calls.repository';
import { TicketCustomers } from '../tickets/ticket-customers.port';
import { CustomerPhoneOwners } from './customer-phone-owners';
import { CustomerRepository } from './customer.repository';
import { CardReader, CustomerCallsPort, CustomerMatchedEvents, CustomersPort, EnrichmentClient, EnrichmentSettingsPort, InboundMatchesPort, OrganizationCountry } from './customers.port';
import { CustomersMessagesController } from './customers.messages.controller';
import { ENRICHMENT_TUNING, HttpEnrichmentClient, type EnrichmentTuning } from './enrichment.http-client';
import { EnrichmentSettingsRepository } from './enrichment-settings.repository';
import { GetCustomerUseCase } from './get-customer.use-case';
import { GetEnrichmentUseCase } from './get-enrichment.use-case';
import { LinkPhoneUseCase } from './link-phone.use-case';
import { ListCustomersUseCase } from './list-customers.use-case';
import { LookupCardUseCase } from './lookup-card.use-case';
import { MatchInboundCallerUseCase } from './match-inbound-caller.use-case';
import { ProjectedOrganizationCountry } from './organization-country';
import { OutboxCustomerEvents } from './outbox-customer-events';
import { RecordCustomerCallUseCase } from './record-customer-call.use-case';
import { UnlinkPhoneUseCase } from './unlink-phone.use-case';
import { UpdateCustomerUseCase } from './update-customer.use-case';

/** Customers and the screen-pop (B2, F1, J2, K7). The card reads the customer's tickets in its one statement; tickets find a number's customer through TicketCustomers. */
@Module({
  controllers: [CustomersMessagesController],
  providers: [
    { provide: CustomersPort, useClass: CustomerRepository },
    { provide: CardReader, useClass: SqlCardReader },
    { provide: CustomerCallsPort, useClass: CustomerCallsRepository },
    { provide: InboundMatchesPort, useClass: InboundMatchesRepository },
    { provide: CustomerMatchedEvents, useClass: OutboxCustomerEvents },
    { provide: OrganizationCountry, useClass: ProjectedOrganizationCountry },
    { provide: EnrichmentSettingsPort, useClass: EnrichmentSettingsRepository },
    { provide: EnrichmentClient, useClass: HttpEnrichmentClient },
    {
      provide: ENRICHMENT_TUNING,
      useFactory: (c: TicketingConfig): EnrichmentTuning => ({ cacheTtlMs: c.ENRICHMENT_CACHE_TTL_MS, cacheMax: c.ENRICHMENT_CACHE_MAX, backgroundMs: c.ENRICHMENT_BACKGROUND_MS }),
      inject: [SERVICE_CONFIG],
    },
    { provide: ENRICHMENT_ALLOW_PRIVATE, useFactory: (c: TicketingConfig) => c.ENRICHMENT_ALLOW_PRIVATE_URLS === 'true' || c.SANTRAL_DEV_MODE === 'true', inject: [SERVICE_CONFIG] },
    // The directory tickets ask for a number's customer (exported to TicketsModule: no module cycle).
    { provide: TicketCustomers, useClass: CustomerPhoneOwners },
    CreateCustomerUseCase, UpdateCustomerUseCase, GetCustomerUseCase, ListCustomersUseCase, LinkPhoneUseCase, UnlinkPhoneUseCase,
    LookupCardUseCase, ConfigureEnrichmentUseCase, GetEnrichmentUseCase, RecordCustomerCallUseCase, MatchInboundCallerUseCase,
  ],
  // The call events this service reads come through TicketingCallEventsController.
  exports: [TicketCustomers, RecordCustomerCallUseCase, MatchInboundCallerUseCase],
})
export class CustomersModule {}
