import { Injectable } from '@nestjs/common';
import { tenantQuery, type OrgId, type Tx } from '@santral/persistence';
import { v7 as uuidv7 } from 'uuid';
import { TicketHistoryPort, type TicketChange } from './tickets.port';

@Injectable()
export class TicketHistoryRepository extends TicketHistoryPort {
  async record(orgId: OrgId, c: TicketChange, tx: Tx): Promise<void> {
    await tenantQuery(
      tx,
      orgId,
      `INSERT INTO ticket_changes (organization_id, id, ticket_id, at, from_status, to_status, changed) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [uuidv7(), c.ticketId, c.at, c.fromStatus, c.toStatus, c.changed],
    );
  }
}
