import { BaseRpcContext } from '@nestjs/microservices';
import type { MsgHdrs } from '@nats-io/nats-core';

/** Second argument of a `@MessagePattern` handler served by `NatsRpcServer` (`@Ctx()`). */
export class NatsRpcContext extends BaseRpcContext<[string, MsgHdrs | undefined]> {
  getSubject(): string {
    return this.args[0];
  }
  getHeaders(): MsgHdrs | undefined {
    return this.args[1];
  }
  header(name: string): string | undefined {
    const v = this.args[1]?.get(name);
    return v ? v : undefined;
  }
}
