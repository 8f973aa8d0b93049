import { Controller } from '@nestjs/common';
import { PresenceSetRequest, Rpc } from '@santral/contracts';
import { RpcHandler } from '@santral/messaging';
import { SetPresenceUseCase } from './set-presence.use-case';

/** NATS request/reply adapter for PUT /v1/users/{id}/presence. */
@Controller()
export class PresenceMessagesController {
  constructor(private readonly setPresence: SetPresenceUseCase) {}

  @RpcHandler(Rpc.Dialer.PresenceSet)
  set(input: PresenceSetRequest) {
    return this.setPresence.execute(input);
  }
}
