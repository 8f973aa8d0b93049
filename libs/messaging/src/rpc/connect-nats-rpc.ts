import { ArgumentsHost, Catch, INestApplication, INestMicroservice, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import { NatsRpcServer, NatsRpcServerOptions } from './nats-rpc.server';

/**
 * Lets the original exception reach `NatsRpcServer`, which turns it into the wire
 * error (a DomainError with its code, else INTERNAL, logged). Nest's default RPC filter would replace
 * every non-RpcException with "Internal server error" and lose the code.
 */
@Catch()
export class RpcPassThroughFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/**
 * `app.connectMicroservice` for NATS request/reply with the pass-through filter
 * registered before handlers are bound. Then `await app.startAllMicroservices()`.
 */
export function connectNatsRpc(app: INestApplication, options: NatsRpcServerOptions): INestMicroservice {
  const ms = app.connectMicroservice({ strategy: new NatsRpcServer(options) }, { deferInitialization: true });
  ms.useGlobalFilters(new RpcPassThroughFilter());
  // The app runs init hooks itself; without this the deferred microservice runs them a second time.
  (ms as unknown as { setIsInitHookCalled?(v: boolean): void }).setIsInitHookCalled?.(true);
  return ms;
}
