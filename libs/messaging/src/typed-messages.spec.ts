import { Rpc, Subjects, type PayloadOf } from '@santral/contracts';
import type { DataSource } from 'typeorm';
import { EventPublisher } from './outbox/event-publisher';
import { NatsRpcClient } from './rpc/nats-rpc.client';

// Compile-time tests: `npm test` type-checks specs (tsc -p tsconfig.json), and an expect-error
// directive that is not needed fails it, so each marked line below must really not compile.
describe('messages are typed by the contracts registry', () => {
  const publisher = new EventPublisher({} as DataSource, 'santral/test');
  const rpc = new NatsRpcClient({} as never);
  const ended: PayloadOf<typeof Subjects.Gateway.OrganizationCreated> = {
    organizationId: '0190a000-0000-7000-8000-00000000000a', name: 'Clinic', plan: 'free',
    limits: { concurrentSlots: 3, callsPerHour: 100, minCreditsToStart: 10 }, defaultCountry: 'TR', timeZone: 'Europe/Istanbul',
  };

  it('refuses a payload of the wrong shape for a subject, at compile time', () => {
    const compileOnly = () => {
      void publisher.publish(Subjects.Gateway.OrganizationCreated, ended, { orgid: ended.organizationId });
      // @ts-expect-error a call-ended payload is not an organization snapshot
      void publisher.publish(Subjects.Gateway.OrganizationCreated, { callId: 'c1' }, { orgid: null });
      // @ts-expect-error an unregistered subject
      void publisher.publish('dialer.call.exploded.v1', {}, { orgid: null });
      // @ts-expect-error an RPC subject is not a stream subject
      void publisher.publish(Rpc.Billing.BalanceGet, { organizationId: 'x' }, { orgid: null });
      // @ts-expect-error the query needs organizationId
      void rpc.request(Rpc.Dialer.SettingsGet, { orgId: 'x' });
      // @ts-expect-error the reply has no such field
      void rpc.request(Rpc.Dialer.SettingsGet, { organizationId: 'x' }).then((r) => r.balance);
    };
    expect(typeof compileOnly).toBe('function');
  });
});
