import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { asOrgId, buildDataSourceOptions, type OrgId } from '@santral/persistence';
import { serviceEntities, serviceMigrations } from '@santral/service-kit';
import { createTestDatabase, type TestDatabase } from '@santral/testing';
import { dialerService } from '../src/app.module';
import { CallRepository } from '../src/calls/call.repository';
import { SlotLeases } from '../src/slots/slot-leases';
import { CallTaskRepository } from '../src/tasks/call-task.repository';

jest.setTimeout(60_000);

// Invariant 1 (DESIGN §8): no organization has more active calls than its slots, at any instant,
// with any number of dialer replicas — tried here with two replicas' pools racing for 3 slots.
describe('slot leases over real Postgres', () => {
  let db: TestDatabase;
  let replicaB: DataSource;
  let a: SlotLeases;
  let b: SlotLeases;
  const capacity = { slots: 3, reservedInbound: 0 };

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'dlr_slots', entities: serviceEntities(dialerService), migrations: serviceMigrations(dialerService), poolSize: 10 });
    replicaB = new DataSource(buildDataSourceOptions({ url: db.url, schema: db.schema, entities: [], migrations: [], poolSize: 10 }));
    await replicaB.initialize();
    a = new SlotLeases(db.dataSource);
    b = new SlotLeases(replicaB);
  });

  afterAll(async () => {
    await replicaB?.destroy();
    await db?.cleanup();
  });

  it('50 calls racing from two replicas for 3 slots: never more than 3 held at once, every call served', async () => {
    const org = asOrgId(randomUUID());
    let holding = 0;
    let most = 0;
    const served: string[] = [];
    const call = async (i: number) => {
      const leases = i % 2 === 0 ? a : b;
      const callId = randomUUID();
      for (;;) {
        const slot = await leases.acquire(org, callId, 'outbound', capacity, 60_000);
        if (slot !== null) {
          holding++;
          most = Math.max(most, holding);
          const live = (await a.held(org)).length;
          expect(live).toBeLessThanOrEqual(3);
          await new Promise((r) => setTimeout(r, 5 + (i % 7)));
          holding--;
          await leases.release(org, callId);
          served.push(callId);
          return;
        }
        await new Promise((r) => setTimeout(r, 2));
      }
    };
    await Promise.all(Array.from({ length: 50 }, (_, i) => call(i)));
    expect(served).toHaveLength(50);
    expect(most).toBeLessThanOrEqual(3);
    expect(most).toBe(3); // the slots were really used, not serialized
    await expect(a.held(org)).resolves.toEqual([]);
  });

  it('a call asking again keeps its slot (idempotent on the call) and extends it', async () => {
    const org = asOrgId(randomUUID());
    const callId = randomUUID();
    const first = await a.acquire(org, callId, 'outbound', capacity, 1_000);
    await expect(b.acquire(org, callId, 'outbound', capacity, 60_000)).resolves.toBe(first);
    await expect(a.held(org)).resolves.toHaveLength(1);
  });

  it('never lends the reserved inbound slots to outbound calls', async () => {
    const org = asOrgId(randomUUID());
    const cap = { slots: 3, reservedInbound: 1 };
    expect(await a.acquire(org, randomUUID(), 'outbound', cap, 60_000)).toBe(1);
    expect(await a.acquire(org, randomUUID(), 'outbound', cap, 60_000)).toBe(2);
    await expect(a.acquire(org, randomUUID(), 'outbound', cap, 60_000)).resolves.toBeNull();
    await expect(a.acquire(org, randomUUID(), 'inbound', cap, 60_000)).resolves.toBe(3);
  });

  it("a lease whose call went silent (every fact lost, a replica killed mid-dispatch) expires and its slot is taken over", async () => {
    const org = asOrgId(randomUUID());
    const one = { slots: 1, reservedInbound: 0 };
    const silent = randomUUID();
    await expect(a.acquire(org, silent, 'outbound', one, 200)).resolves.toBe(1);
    await expect(b.acquire(org, randomUUID(), 'outbound', one, 60_000)).resolves.toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    const next = randomUUID();
    await expect(b.acquire(org, next, 'outbound', one, 60_000)).resolves.toBe(1);
    await expect(a.extend(org, silent, 60_000)).resolves.toBe(false); // the silent call's late fact finds no lease
    await expect(a.held(org)).resolves.toEqual([expect.objectContaining({ slotNo: 1, callId: next })]);
    // The silent call comes back and asks again: it waits like any other.
    await expect(a.acquire(org, silent, 'outbound', one, 60_000)).resolves.toBeNull();
  });

  it('an expired lease whose call has not ended keeps its slot until the call ends (the watchdog): never a new call beside it', async () => {
    const org = asOrgId(randomUUID());
    const one = { slots: 1, reservedInbound: 0 };
    const silent = randomUUID();
    await expect(a.acquireNew(org, silent, 'outbound', one, 200)).resolves.toBe(1);
    await new CallRepository(db.dataSource).insertDialing(db.dataSource, org, {
      callId: silent, taskId: randomUUID(), kind: 'campaign', agentId: null, operatorUserId: null, campaignId: null, attempt: 1,
      to: '+905551230006', from: '+902125550000', providerAccountId: randomUUID(), slotNo: 1, reservationId: null, ringTimeoutSeconds: 30, maxCallSeconds: null,
    });
    await new Promise((r) => setTimeout(r, 300));
    // Expired, but its call is still open in the dialer's records: the slot is not lent out.
    await expect(b.acquireNew(org, randomUUID(), 'outbound', one, 60_000)).resolves.toBeNull();
    await expect(b.acquire(org, randomUUID(), 'outbound', one, 60_000)).resolves.toBeNull();
    // A late fact of the call still finds its lease.
    await expect(a.extend(org, silent, 200)).resolves.toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    // The call ends (as the watchdog ends it, without the release yet): now the slot is free.
    await db.dataSource.query(`UPDATE calls SET ended_at = now(), state = 'failed' WHERE call_id = $1`, [silent]);
    const next = randomUUID();
    await expect(b.acquireNew(org, next, 'outbound', one, 60_000)).resolves.toBe(1);
    await expect(a.held(org)).resolves.toEqual([expect.objectContaining({ slotNo: 1, callId: next })]);
  });

  /** Replica A's dispatch pass holding the organization's lock until `release()`; `first` is its transaction. */
  const holdPassLock = async (org: OrgId): Promise<{ release: () => void; first: Promise<void> }> => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const first = db.dataSource.transaction(async (tx) => {
      expect(await a.tryLockOrganization(tx, org)).toBe(true);
      locked();
      await held;
    });
    await isLocked;
    return { release, first };
  };

  it("one dispatch pass per organization at a time across replicas: the second is told at once, another organization is not held, and it frees at commit", async () => {
    const org = asOrgId(randomUUID());
    const other = asOrgId(randomUUID());
    const { release, first } = await holdPassLock(org);
    await replicaB.transaction(async (tx) => {
      expect(await b.tryLockOrganization(tx, org)).toBe(false);
      expect(await b.tryLockOrganization(tx, other)).toBe(true);
    });
    release();
    await first;
    await replicaB.transaction(async (tx) => expect(await b.tryLockOrganization(tx, org)).toBe(true));
  });

  it("a pass's first statement claims nothing while another pass holds the organization's lock, and claims, with the settings, DNC and caller numbers, once it frees", async () => {
    const org = asOrgId(randomUUID());
    const tasks = new CallTaskRepository();
    const settings = { concurrentSlots: 3, reservedInboundSlots: 0 };
    await db.dataSource.query(`INSERT INTO organization_settings (organization_id, settings, event_time, event_id) VALUES ($1, $2::jsonb, now(), $3)`, [org, JSON.stringify(settings), randomUUID()]);
    const plan = { ringTimeoutSeconds: 30, providerAccountId: randomUUID(), fromNumber: '+902125550000' };
    for (const to of ['+905550000001', '+905550000002']) {
      await tasks.addDirect(db.dataSource.manager, org, { kind: 'single', callId: randomUUID(), to, plan, timeZoneSource: 'unknown' });
    }
    // Both numbers on the DNC list, and the caller number the tasks dial from (another organization's too).
    for (const number of ['+905550000001', '+905550000002']) {
      await db.dataSource.query(`INSERT INTO dnc_entries (id, organization_id, number) VALUES ($1, $2, $3)`, [randomUUID(), org, number]);
    }
    for (const owner of [org, randomUUID()]) {
      await db.dataSource.query(`INSERT INTO hotlines (id, organization_id, number, label, outbound_allowed, allowed_groups) VALUES ($1, $2, $3, 'x', $4, '{}')`, [
        randomUUID(), owner, plan.fromNumber, owner === org,
      ]);
    }
    const { release, first } = await holdPassLock(org);
    await replicaB.transaction(async (tx) => {
      await expect(tasks.claimForPass(tx, org, 10)).resolves.toEqual({ locked: false, tasks: [], settings: expect.anything(), hour: [], dncListed: [], hotlines: [] });
      // The refused claim locked no task (its transaction is still open): another one can take both.
      const free = await db.dataSource.transaction((other) => other.query(`SELECT id FROM call_tasks WHERE organization_id = $1 FOR UPDATE SKIP LOCKED`, [org]));
      expect(free).toHaveLength(2);
    });
    release();
    await first;
    await replicaB.transaction(async (tx) => {
      const pass = await tasks.claimForPass(tx, org, 1);
      // Only the claimed task's number is looked up on the DNC list; only this organization's caller number is read.
      expect(pass).toEqual({
        locked: true, tasks: [expect.objectContaining({ to_number: '+905550000001', kind: 'single', attempt: 0, plan })], settings, hour: [], dncListed: ['+905550000001'],
        hotlines: [{ number: plan.fromNumber, outboundAllowed: true, allowedGroups: [] }],
      });
    });
  });

  it('the dispatcher scans the organizations with free slots in a random order (replicas start apart), each with its free count', async () => {
    const orgs = Array.from({ length: 6 }, () => asOrgId(randomUUID()));
    for (const org of orgs) {
      await db.dataSource.query(`INSERT INTO organization_settings (organization_id, settings, event_time, event_id) VALUES ($1, $2::jsonb, now(), $3)`, [
        org, JSON.stringify({ concurrentSlots: 3, reservedInboundSlots: 1 }), randomUUID(),
      ]);
    }
    await a.acquireNew(orgs[0]!, randomUUID(), 'outbound', capacity, 60_000);
    const orders = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const seen = (await a.freeAcrossOrganizations(1000)).filter((o) => orgs.includes(o.organizationId));
      expect(seen).toHaveLength(6);
      expect(seen.find((o) => o.organizationId === orgs[0])?.free).toBe(1);
      orders.add(seen.map((o) => o.organizationId).join());
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it('keeps organizations apart', async () => {
    const one = { slots: 1, reservedInbound: 0 };
    const x = asOrgId(randomUUID());
    const y = asOrgId(randomUUID());
    await expect(a.acquire(x, randomUUID(), 'outbound', one, 60_000)).resolves.toBe(1);
    await expect(a.acquire(y, randomUUID(), 'outbound', one, 60_000)).resolves.toBe(1);
    await expect(a.held(y)).resolves.toHaveLength(1);
  });
});
