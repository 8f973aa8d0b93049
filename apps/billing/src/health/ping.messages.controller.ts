import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { rpcPingSubject } from '@santral/contracts';

@Controller()
export class PingMessagesController {
  /** Core NATS request/reply liveness: answers with the service name and its clock. */
  @MessagePattern(rpcPingSubject('billing'))
  ping(): { service: string; time: string } {
    return { service: 'billing', time: new Date().toISOString() };
  }
}
