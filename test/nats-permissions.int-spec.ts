import { randomBytes } from 'node:crypto';
import { jetstream, jetstreamManager, AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { Objm } from '@nats-io/obj';
import { durableName, importBucketName, Rpc, streamName, Subjects } from '@santral/contracts';
import { connectNats, ensureEventStreams, natsInboxPrefix } from '@santral/messaging';
import { startPrivateNatsServer, type PrivateNatsServer } from '@santral/testing';
import { natsUsers, OPS_USER, renderServerConfig } from '../scripts/nats-config';

// A private nats-server running the generated authorization (deploy/nats/authorization.conf's
// rules): each service does its own work as its own user and is refused for anyone else's.
const EVENTS = streamName('Events');
// A letter first: nats-server parses the value of $NATS_PASSWORD_… as config, and a leading '-' or
// digit can read as a number or a date (then it refuses to start, about one boot in six).
const passwords = Object.fromEntries(natsUsers().map((u) => [u.passwordVariable, `p${randomBytes(18).toString('base64url')}`]));
const passwordOf = (user: string) => passwords[natsUsers().find((u) => u.user === user)!.passwordVariable];
const enc = new TextEncoder();

describe('NATS as the generated authorization config has it', () => {
  let server: PrivateNatsServer;
  const open: NatsConnection[] = [];
  const as = async (user: string, pass = passwordOf(user)): Promise<NatsConnection> => {
    const nc = await connectNats({ servers: server.url, name: `${user}-test`, inboxPrefix: natsInboxPrefix(user), auth: { user, pass }, connectTimeoutMs: 3000 });
    open.push(nc);
    return nc;
  };
  /** A subscription the server refuses is closed with the permission error. */
  const refusedSubscribe = async (nc: NatsConnection, subject: string, queue?: string) => {
    const sub = nc.subscribe(subject, { queue });
    await nc.flush();
    await expect(sub.closed).resolves.toMatchObject({ message: expect.stringMatching(/permissions violation for subscription/i) });
  };

  beforeAll(async () => {
    server = await startPrivateNatsServer({ config: (port, storeDir) => renderServerConfig({ host: '127.0.0.1', port, storeDir }), env: passwords });
    // The streams, as every service's bus ensures them at boot (as the telephony-gateway here).
    await ensureEventStreams(await jetstreamManager(await as('telephony-gateway')), { subjectPrefix: undefined });
  });

  afterAll(async () => {
    for (const nc of open) await nc.close().catch(() => undefined);
    await server?.dispose();
  });

  it('refuses a client without a user, with a wrong password, or with another service’s password', async () => {
    await expect(connectNats({ servers: server.url, connectTimeoutMs: 2000 })).rejects.toThrow(/authoriz/i);
    await expect(as('billing', 'not-the-password-at-all')).rejects.toThrow(/authoriz/i);
    await expect(as('billing', passwordOf('telephony-gateway'))).rejects.toThrow(/authoriz/i);
  });

  it('lets the api-gateway ask and the telephony-gateway answer rpc.telephony.*, in its queue group', async () => {
    const tg = await as('telephony-gateway');
    tg.subscribe(Rpc.Telephony.HealthPing, { queue: 'telephony-gateway', callback: (_e, m) => void m.respond(enc.encode('"pong"')) });
    await tg.flush();
    const gw = await as('api-gateway');
    await expect(gw.request(Rpc.Telephony.HealthPing, enc.encode('{}'), { timeout: 2000 }).then((m) => m.string())).resolves.toBe('"pong"');
  });

  it('lets the telephony-gateway publish its events and the dialer consume them through its own durable', async () => {
    const tg = await as('telephony-gateway');
    await expect(jetstream(tg).publish(Subjects.Telephony.CallEnded, enc.encode('{"n":1}'), { msgID: 'ended-1' })).resolves.toMatchObject({ stream: EVENTS });

    const dialer = await as('dialer-orchestrator');
    const durable = durableName('dialer-orchestrator', Subjects.Telephony.CallEnded);
    const jsm = await jetstreamManager(dialer);
    await jsm.consumers.add(EVENTS, { durable_name: durable, filter_subject: Subjects.Telephony.CallEnded, ack_policy: AckPolicy.Explicit });
    const consumer = await jetstream(dialer).consumers.get(EVENTS, durable);
    const m = await consumer.next({ expires: 2000 });
    expect(m?.string()).toBe('{"n":1}');
    await expect(m!.ackAck()).resolves.toBe(true);
    // Its dead letters go under its own name.
    await expect(jetstream(dialer).publish(`dlq.dialer-orchestrator.${Subjects.Telephony.CallEnded}`, enc.encode('{}'))).resolves.toMatchObject({ stream: streamName('DeadLetters') });
  });

  it('lets the api-gateway read the events stream through ordered consumers of its own (the live event stream), from a sequence', async () => {
    const tg = await as('telephony-gateway');
    const ack = await jetstream(tg).publish(Subjects.Telephony.InboundReceived, enc.encode('{"n":"inbound"}'), { msgID: 'inbound-1' });
    const gw = await as('api-gateway');
    const consumer = await jetstream(gw).consumers.get(EVENTS, { name_prefix: 'api-gateway_live', deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: ack.seq });
    // consume(), as the live feed reads (pulls, heartbeats and resets included).
    const messages = await consumer.consume({ max_messages: 16 });
    let first: { seq: number; body: string } | undefined;
    for await (const m of messages) {
      first = { seq: m.seq, body: m.string() };
      break;
    }
    expect(first).toEqual({ seq: ack.seq, body: '{"n":"inbound"}' });
    await messages.close();
    await expect(consumer.delete()).resolves.toBe(true);
    // Billing has no such right.
    const billing = jetstream(await as('billing'));
    const spy = billing.consumers.get(EVENTS, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: ack.seq }).then((c) => c.next({ expires: 2000 }));
    await expect(spy).rejects.toThrow(/permissions violation|timeout/i);
  });

  it('refuses billing publishing a telephony event or sending a telephony RPC', async () => {
    const billing = await as('billing');
    await expect(jetstream(billing).publish(Subjects.Telephony.CallEnded, enc.encode('{}'), { timeout: 2000 })).rejects.toThrow(/permissions violation/i);
    await expect(billing.request(Rpc.Telephony.ProviderAccountCreate, enc.encode('{}'), { timeout: 2000 })).rejects.toThrow(/permissions violation/i);
  });

  it('refuses billing listening to rpc.telephony.>, the provider-account subjects, or anyone’s inbox', async () => {
    const billing = await as('billing');
    await refusedSubscribe(billing, 'rpc.telephony.>');
    await refusedSubscribe(billing, Rpc.Telephony.ProviderAccountCreate, 'telephony-gateway');
    await refusedSubscribe(billing, '_INBOX.>');
    await refusedSubscribe(billing, `${natsInboxPrefix('api-gateway')}.>`);
    await refusedSubscribe(billing, '>');
  });

  it('refuses billing a JetStream consumer on telephony events, or the dialer’s durable', async () => {
    const jsm = await jetstreamManager(await as('billing'));
    await expect(jsm.consumers.add(EVENTS, { durable_name: 'billing__spy', filter_subject: Subjects.Telephony.CallEnded, ack_policy: AckPolicy.Explicit })).rejects.toThrow(/permissions violation|timeout/i);
    await expect(jsm.consumers.info(EVENTS, durableName('dialer-orchestrator', Subjects.Telephony.CallEnded))).rejects.toThrow(/permissions violation|timeout/i);
    await expect(jsm.streams.delete(EVENTS)).rejects.toThrow(/permissions violation|timeout/i);
  });

  it('lets only the api-gateway send rpc.telephony.provider_account.create: the dialer is refused too', async () => {
    const dialer = await as('dialer-orchestrator');
    await expect(dialer.request(Rpc.Telephony.ProviderAccountCreate, enc.encode('{}'), { timeout: 2000 })).rejects.toThrow(/permissions violation/i);
    await refusedSubscribe(dialer, Rpc.Telephony.ProviderAccountCreate);
  });

  it('lets the api-gateway put an upload into the import bucket and the campaign service read and delete it; billing may not touch it', async () => {
    const bucket = importBucketName(undefined);
    const written = await new Objm(await as('api-gateway')).create(bucket, { storage: 'file' });
    const bytes = enc.encode('telefon;ad\n0555 123 45 67;Ayşe\n'.repeat(20_000)); // several chunks
    await written.putBlob({ name: 'upload-1' }, bytes);
    const read = await new Objm(await as('campaign')).open(bucket);
    const blob = await read.getBlob('upload-1');
    expect(blob?.length).toBe(bytes.length);
    await read.delete('upload-1');
    await expect(read.info('upload-1')).resolves.toMatchObject({ deleted: true });
    await expect(new Objm(await as('billing')).open(bucket)).rejects.toThrow(/permissions violation|timeout/i);
  });

  it('gives the operator’s user everything (npm run dlq, the nats CLI)', async () => {
    const ops = await as(OPS_USER, passwords.NATS_PASSWORD_OPS);
    const sub = ops.subscribe('>');
    await ops.flush();
    expect(sub.isClosed()).toBe(false);
  });
});
