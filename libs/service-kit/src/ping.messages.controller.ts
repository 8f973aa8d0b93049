import { Controller, Type } from '@nestjs/common';
import { rpcPingSubject, type PingableService } from '@santral/contracts';
import { RpcHandler } from '@santral/messaging';

/** `rpc.<context>.health.ping` of one service: core NATS request/reply liveness, with its clock. */
export function pingMessagesController(service: PingableService): Type<unknown> {
  @Controller()
  class PingMessagesController {
    @RpcHandler(rpcPingSubject(service))
    ping(): { service: PingableService; time: string } {
      return { service, time: new Date().toISOString() };
    }
  }
  return PingMessagesController;
}
