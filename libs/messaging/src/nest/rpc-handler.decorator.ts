import { MessagePattern } from '@nestjs/microservices';
import type { PayloadOf, ReplyOf, RpcSubject } from '@santral/contracts';

type Handler<S extends RpcSubject> = (payload: PayloadOf<S>, ...rest: never[]) => ReplyOf<S> | Promise<ReplyOf<S>>;

/**
 * `@MessagePattern` typed by the contracts registry: the method takes the subject's request class
 * (already validated by NatsRpcServer) and returns its reply, or it does not compile.
 */
export function RpcHandler<S extends RpcSubject>(subject: S) {
  return (target: object, key: string | symbol, descriptor: { value?: Handler<S> }): void => {
    MessagePattern(subject)(target, key, descriptor as PropertyDescriptor);
  };
}
