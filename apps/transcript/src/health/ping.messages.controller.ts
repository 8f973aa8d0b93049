import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { rpcPingSubject } from '@santral/contracts';

@Controller()
export class PingMessagesController {
  /** Core NATS request/reply liveness: answers with the service name and its clock. */
  @MessagePattern(rpcPingSubject('transcript'))
  ping(): { service: string; time: string } {
    return { service: 'transcript', time: new Date().toISOString() };
  }
}
