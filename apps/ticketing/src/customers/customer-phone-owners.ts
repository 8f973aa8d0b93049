import { Injectable } from '@nestjs/common';
import { callerIdKey } from '@santral/phone';
import type { OrgId, Tx } from '@santral/persistence';
import { TicketCustomers } from '../tickets/ticket-customers.port';
import { CustomersPort, OrganizationCountry } from './customers.port';

/** Tickets' customer directory (J1, J2): the customer a number is linked to, by its caller-ID key, as the screen-pop finds it. */
@Injectable()
export class CustomerPhoneOwners extends TicketCustomers {
  constructor(
    private readonly customers: CustomersPort,
    private readonly country: OrganizationCountry,
  ) {
    super();
  }

  async customerIdFor(orgId: OrgId, e164: string, tx: Tx): Promise<string | null> {
    const key = callerIdKey(e164, (await this.country.of(orgId, tx)) ?? undefined);
    return key === null ? null : this.customers.ownerOf(orgId, key, tx);
  }
}
