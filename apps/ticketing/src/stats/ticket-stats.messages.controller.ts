import { Controller } from '@nestjs/common';
import { Rpc, TicketStatsRequest } from '@santral/contracts';
import { RpcHandler } from '@santral/messaging';
import { GetTicketStatsUseCase } from './get-ticket-stats.use-case';

/** NATS request/reply adapter for GET /v1/tickets/stats. */
@Controller()
export class TicketStatsMessagesController {
  constructor(private readonly stats: GetTicketStatsUseCase) {}

  @RpcHandler(Rpc.Ticketing.TicketStats)
  get(input: TicketStatsRequest) {
    return this.stats.execute(input);
  }
}
