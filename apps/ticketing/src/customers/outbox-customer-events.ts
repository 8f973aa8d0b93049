import { Injectable } from '@nestjs/common';
import { Subjects, type CustomerMatchedV1 } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import type { Tx } from '@santral/persistence';
import { CustomerMatchedEvents } from './customers.port';

/** Writes ticketing.customer.matched.v1 into the outbox in the caller's transaction (DESIGN §2). */
@Injectable()
export class OutboxCustomerEvents extends CustomerMatchedEvents {
  constructor(private readonly publisher: EventPublisher) {
    super();
  }

  async matched(event: CustomerMatchedV1, tx: Tx): Promise<void> {
    await this.publisher.publish(Subjects.Ticketing.CustomerMatched, event, { orgid: event.organizationId, subject: event.callId, manager: tx });
  }
}
