import type { Gateway } from '../../apps/api-gateway/test/gateway-harness';
import { ticketingService } from '../../apps/ticketing/src/app.module';
import { startServiceBeside, type ServiceBeside } from './beside';

export type TicketingBeside = ServiceBeside;

/** A real ticketing service beside a test's api-gateway: its own schema, the gateway's subject prefix. */
export function startTicketingBeside(gw: Pick<Gateway, 'subjectPrefix'>, prefix: string, env: Record<string, string> = {}): Promise<TicketingBeside> {
  return startServiceBeside(ticketingService, gw, prefix, env);
}
