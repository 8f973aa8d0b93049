import 'reflect-metadata';
import { Controller, INestApplication, Logger, Module } from '@nestjs/common';
import { DomainError } from '@santral/contracts';
import { Test } from '@nestjs/testing';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { testEnv, uniqueName } from '@santral/testing';
import {
  connectNatsRpc,
  currentEventContext,
  MessagingModule,
  NatsConnectionProvider,
  NatsRpcClient,
  type UntypedRpcMessages,
  NatsRpcContext,
  RpcNoRespondersError,
  RpcRemoteError,
  RpcTimeoutError,
  runWithEventContext,
} from '@santral/messaging';

// Plain subjects as services write them; the prefix isolates this file on the shared server.
const P = uniqueName('rpc');
const S = {
  balance: 'rpc.billing.balance.get',
  domainError: 'rpc.billing.domain-error',
  codedError: 'rpc.billing.coded-error',
  crash: 'rpc.billing.crash',
  slow: 'rpc.billing.slow',
  context: 'rpc.billing.context',
  nobody: 'rpc.nobody.home',
};

class InsufficientCredit extends DomainError {
  constructor() {
    super('INSUFFICIENT_CREDITS', 'not enough credit', { missing: 5 });
  }
}

const served: string[] = [];

@Controller()
class BillingMessagesController {
  @MessagePattern(S.balance)
  balance(@Payload() q: { orgId: string }, @Ctx() ctx: NatsRpcContext) {
    served.push(ctx.getSubject());
    return { orgId: q.orgId, balance: 42 };
  }
  @MessagePattern(S.domainError)
  domainError(): never {
    throw new InsufficientCredit();
  }
  @MessagePattern(S.codedError)
  async codedError(): Promise<never> {
    // What pg throws for a NUL in a text column: coded, but not a DomainError.
    throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021', severity: 'ERROR' });
  }
  @MessagePattern(S.crash)
  crash(): never {
    throw new Error('secret internals');
  }
  @MessagePattern(S.slow)
  async slow(@Payload() ms: number) {
    await new Promise((r) => setTimeout(r, ms));
    return 'done';
  }
  @MessagePattern(S.context)
  context() {
    return currentEventContext();
  }
}

@Module({
  imports: [MessagingModule.forRoot({ serviceName: 'billing', natsUrl: testEnv.natsUrl, subjectPrefix: P, rpc: { defaultTimeoutMs: 2000 } })],
  controllers: [BillingMessagesController],
})
class BillingTestModule {}

async function startApp(): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [BillingTestModule] }).compile();
  const app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
  connectNatsRpc(app, { servers: testEnv.natsUrl, queue: 'billing', subjectPrefix: P });
  await app.startAllMicroservices();
  await app.init();
  return app;
}

describe('core NATS request/reply (NatsRpcServer + NatsRpcClient)', () => {
  let apps: INestApplication[];
  let client: NatsRpcClient<UntypedRpcMessages>;

  beforeAll(async () => {
    apps = [await startApp(), await startApp()];
    client = apps[0].get(NatsRpcClient) as unknown as NatsRpcClient<UntypedRpcMessages>;
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('answers a query with the handler result', async () => {
    await expect(client.request(S.balance, { orgId: 'o1' })).resolves.toEqual({ orgId: 'o1', balance: 42 });
    expect(served.at(-1)).toBe(`${P}.${S.balance}`);
  });

  it('load-balances over the queue group: each request is served once', async () => {
    served.length = 0;
    await Promise.all(Array.from({ length: 20 }, (_, i) => client.request(S.balance, { orgId: `o${i}` })));
    expect(served).toHaveLength(20);
  });

  it('carries a DomainError across the wire intact', async () => {
    const err = await client.request(S.domainError, undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcRemoteError);
    const wire = (err as RpcRemoteError).wire;
    expect(wire).toMatchObject({ code: 'INSUFFICIENT_CREDITS', message: 'not enough credit', status: 402 });
    expect(DomainError.fromWire(wire)).toMatchObject({ code: 'INSUFFICIENT_CREDITS', detail: 'not enough credit', extra: { missing: 5 } });
  });

  it('answers INTERNAL for a coded error that is not a DomainError (a pg error), and logs it with its stack', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const err = (await client.request(S.codedError, undefined).catch((e: unknown) => e)) as RpcRemoteError;
      expect(err).toBeInstanceOf(RpcRemoteError);
      expect(err.wire).toEqual({ code: 'INTERNAL', message: 'Internal error', status: 500 });
      expect(logged).toHaveBeenCalledWith(
        expect.stringMatching(new RegExp(`${S.codedError} failed: invalid byte sequence.*code 22021`)),
        expect.stringContaining('BillingMessagesController.codedError'),
      );
    } finally {
      logged.mockRestore();
    }
  });

  it('maps an unexpected error to INTERNAL without leaking its message', async () => {
    const err = (await client.request(S.crash, undefined).catch((e: unknown) => e)) as RpcRemoteError;
    expect(err).toBeInstanceOf(RpcRemoteError);
    expect(err.wire.code).toBe('INTERNAL');
    expect(err.wire.message).not.toContain('secret');
  });

  it('times out', async () => {
    await expect(client.request(S.slow, 1000, { timeoutMs: 100 })).rejects.toBeInstanceOf(RpcTimeoutError);
  });

  it('reports no responders', async () => {
    await expect(client.request(S.nobody, {})).rejects.toBeInstanceOf(RpcNoRespondersError);
  });

  it('propagates correlation and trace headers into the handler context', async () => {
    const ctx = { correlationid: 'corr-1', causationid: 'ev-1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    const seen = await runWithEventContext(ctx, () => client.request(S.context, undefined));
    expect(seen).toMatchObject({ correlationid: 'corr-1', traceparent: ctx.traceparent });
  });

  it('exposes a health check', async () => {
    await expect(apps[0].get(NatsConnectionProvider).natsReady()).resolves.toBeUndefined();
  });

  it('lets an in-flight request finish when a server shuts down', async () => {
    const extra = await startApp();
    const pending = Promise.all(Array.from({ length: 6 }, () => client.request(S.slow, 200)));
    await new Promise((r) => setTimeout(r, 50));
    await extra.close();
    await expect(pending).resolves.toEqual(Array(6).fill('done'));
  });
});
