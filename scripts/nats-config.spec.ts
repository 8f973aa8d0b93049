import { readFileSync } from 'node:fs';
import { MESSAGES, Rpc, SERVICES, Subjects } from '../libs/contracts/src';
import { AUTHORIZATION_FILE, natsUsers, OBJECT_STORES, OPS_USER, ORDERED_READERS, renderAuthorization } from './nats-config';

// The NATS users as scripts/nats-config.ts derives them from the contracts registry: a service
// publishes what it produces and answers what it consumes, nothing of anyone else's.
const users = natsUsers();
const user = (name: string) => {
  const found = users.find((u) => u.user === name);
  if (!found) throw new Error(`no NATS user ${name}`);
  return found;
};
const services = SERVICES.map((s) => s.name);

describe('the NATS users scripts/nats-config.ts generates', () => {
  it('lets only the api-gateway read the events stream through ordered consumers (the live event stream)', () => {
    const readers = natsUsers().filter((u) => u.user !== OPS_USER && u.publish.some((x) => x.startsWith('$JS.API.CONSUMER.MSG.NEXT.') && x.endsWith('.*')));
    expect(readers.map((u) => u.user)).toEqual(['api-gateway']);
    expect(ORDERED_READERS).toEqual([{ service: 'api-gateway', stream: 'SANTRAL_EVENTS' }]);
  });

  it('is what deploy/nats/authorization.conf holds (run `npx tsx scripts/nats-config.ts` after a registry change)', () => {
    expect(readFileSync(AUTHORIZATION_FILE, 'utf8')).toBe(renderAuthorization());
  });

  it('has one user per service of services.json and the operator’s, each with a password from the environment', () => {
    expect(users.map((u) => u.user)).toEqual([...services, OPS_USER]);
    expect(renderAuthorization()).not.toMatch(/password:\s*"/);
    for (const u of users) expect(renderAuthorization()).toContain(`password: $${u.passwordVariable}`);
  });

  it('lets only the api-gateway send rpc.telephony.provider_account.create, and only the telephony-gateway hear it', () => {
    const publishers = users.filter((u) => u.user !== OPS_USER && u.publish.includes(Rpc.Telephony.ProviderAccountCreate)).map((u) => u.user);
    const subscribers = users.filter((u) => u.user !== OPS_USER && u.subscribe.includes(Rpc.Telephony.ProviderAccountCreate)).map((u) => u.user);
    expect(publishers).toEqual(['api-gateway']);
    expect(subscribers).toEqual(['telephony-gateway']);
  });

  it('gives billing no telephony subject to publish and no rpc.telephony subject to hear', () => {
    const billing = user('billing');
    expect(billing.publish.filter((s) => s.startsWith('telephony.') || s.startsWith('rpc.telephony.'))).toEqual([]);
    expect(billing.subscribe.filter((s) => s.startsWith('rpc.') && !s.startsWith('rpc.billing.'))).toEqual([]);
    expect(billing.publish).not.toContain(Subjects.Telephony.CallEnded);
  });

  describe.each(services)('%s', (name) => {
    const u = user(name);
    it('publishes exactly the subjects the registry says it produces', () => {
      const produced = MESSAGES.filter((m) => (m.producers as readonly string[]).includes(name)).map((m) => m.subject);
      const registered = new Set<string>(MESSAGES.map((m) => m.subject));
      expect(u.publish.filter((s) => registered.has(s)).sort()).toEqual([...produced].sort());
    });

    it('hears exactly the requests it answers, and only its own inboxes', () => {
      const answered = MESSAGES.filter((m) => m.transport === 'request-reply' && (m.consumers as readonly string[]).includes(name)).map((m) => m.subject);
      expect(u.subscribe.sort()).toEqual([...answered, `_INBOX.${name}.>`].sort());
      expect(u.allowResponses).toBe(answered.length > 0);
    });

    it('has no wildcard over anyone else’s subjects', () => {
      const own = [`dlq.${name}.>`, `_INBOX.${name}.>`];
      // An object store bucket the service uses (OBJECT_STORES): its subjects and its stream's API only.
      const buckets = OBJECT_STORES.filter((b) => b.writers.includes(name) || b.readers.includes(name)).map((b) => b.bucket);
      const ofBucket = (s: string) => buckets.some((b) => s.startsWith(`$O.${b}.`) || new RegExp(`^\\$JS\\.(API\\.[A-Z.]+|FC)\\.OBJ_${b}(\\.|$)`).test(s));
      // An ordered reader of a stream (ORDERED_READERS: the api-gateway's live event stream): exactly these four, on that stream.
      const ordered = ORDERED_READERS.filter((r) => r.service === name).flatMap((r) => ['CREATE', 'INFO', 'DELETE', 'MSG.NEXT'].map((op) => `$JS.API.CONSUMER.${op}.${r.stream}.*`));
      for (const s of [...u.publish, ...u.subscribe].filter((x) => (x.includes('>') || x.includes('*')) && !ordered.includes(x))) {
        expect(own.includes(s) || s.startsWith('$JS.ACK.SANTRAL_EVENTS.') || ofBucket(s)).toBe(true);
      }
      for (const s of u.publish.filter((x) => x.startsWith('$JS.') && !ofBucket(x) && !ordered.includes(x))) {
        expect(s).toMatch(/^\$JS\.API\.INFO$|^\$JS\.API\.STREAM\.(INFO|CREATE|UPDATE)\.SANTRAL_(EVENTS|DLQ)$|^\$JS\.(API\.CONSUMER\.(CREATE|INFO|MSG\.NEXT)|ACK)\.SANTRAL_EVENTS\.[^.]+/);
        const durable = /SANTRAL_EVENTS\.([^.]+)/.exec(s)?.[1];
        if (durable) expect(durable.startsWith(`${name}__`)).toBe(true);
      }
    });
  });
});
