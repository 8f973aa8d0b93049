import { randomUUID } from 'node:crypto';
import { Objm } from '@nats-io/obj';
import { importBucketName } from '@santral/contracts';
import { connectNats } from '@santral/messaging';
import { testEnv, waitFor } from '@santral/testing';
import type { NatsConnection } from '@nats-io/nats-core';
import { startGateway, type Gateway } from '../apps/api-gateway/test/gateway-harness';
import { startCampaignBeside, type CampaignBeside } from './support/campaign-beside';
import { startDialerBeside, type DialerBeside } from './support/dialer-beside';
import { multipartBody } from './support/multipart';
import { asOrgId } from '@santral/persistence';
import { ImportJobsPort } from '../apps/campaign/src/imports/imports.port';

// An import job whose process died is run again (B3): one left `running` without a heartbeat (the
// replica was killed mid-import) and one left `queued` (killed before it started) are both taken by
// the live campaign service's recovery sweep and completed once, all or nothing, from the uploaded
// file still in the bucket. A job with a fresh heartbeat is left to its process. Real Postgres,
// JetStream object store, campaign service and dialer (DNC flags).
describe('import jobs whose process died are run again', () => {
  let gw: Gateway;
  let dialer: DialerBeside;
  let campaign: CampaignBeside;
  let nc: NatsConnection;

  beforeAll(async () => {
    gw = await startGateway('gw_imprec', { RPC_TIMEOUT_MS: '5000' });
    dialer = await startDialerBeside(gw, 'dlr_imprec');
    campaign = await startCampaignBeside(gw, 'cmp_imprec', { IMPORT_STALE_MS: '1000', IMPORT_RECOVERY_INTERVAL_MS: '200', IMPORT_WORKERS: '0' });
    nc = await connectNats({ servers: testEnv.natsUrl, name: 'imprec-test' });
  });

  afterAll(async () => {
    await nc?.close();
    await campaign?.close();
    await dialer?.close();
    await gw?.close();
  });

  it('completes a job left running without a heartbeat and one left queued; leaves one with a live heartbeat alone', async () => {
    const o = await gw.createOrg();
    await campaign.knows(o.id);
    await dialer.knows(o.id);
    const list = (await gw.request({ method: 'POST', url: '/v1/call-lists', key: o.key, body: { name: 'Rescued' } })).json<{ id: string }>();
    const bucket = await new Objm(nc).create(importBucketName(gw.subjectPrefix), { storage: 'file' });
    const file = (rows: string[]) => new TextEncoder().encode(['telefon;ad', ...rows].join('\r\n'));
    const job = async (state: 'running' | 'queued', heartbeatAgoMs: number | null, rows: string[]) => {
      const id = randomUUID();
      const objectName = `recovery-${id}`;
      await bucket.putBlob({ name: objectName }, file(rows));
      await campaign.db.dataSource.query(
        `INSERT INTO import_jobs (id, organization_id, call_list_id, object_name, file_name, state, created_at, heartbeat_at)
         VALUES ($1, $2, $3, $4, 'kisiler.csv', $5, clock_timestamp() - interval '1 hour', CASE WHEN $6::int IS NULL THEN NULL ELSE clock_timestamp() - $6::int * interval '1 millisecond' END)`,
        [id, o.id, list.id, objectName, state, heartbeatAgoMs],
      );
      return id;
    };
    const killedMidImport = await job('running', 60_000, ['0555 111 11 01;Ayşe', '0555 111 11 02;Mehmet']);
    const neverStarted = await job('queued', null, ['0555 111 11 03;Zeynep', 'not a number;Ali']);
    const alive = await job('running', -60_000, ['0555 111 11 04;Can']); // heartbeat "in the future": its process is busy
    const state = async (id: string) => (await gw.request({ method: 'GET', url: `/v1/imports/${id}`, key: o.key })).json<{ state: string; accepted: number; rejected: number }>();
    await waitFor(async () => (await state(killedMidImport)).state === 'completed' && (await state(neverStarted)).state === 'completed', 20_000, 'both orphaned jobs completed');
    await expect(state(killedMidImport)).resolves.toMatchObject({ accepted: 2, rejected: 0 });
    await expect(state(neverStarted)).resolves.toMatchObject({ accepted: 1, rejected: 1 });
    const contacts: Array<{ phone: string }> = await campaign.db.dataSource.query('SELECT phone FROM contacts WHERE call_list_id = $1 ORDER BY phone', [list.id]);
    expect(contacts.map((c) => c.phone)).toEqual(['+905551111101', '+905551111102', '+905551111103']);
    await new Promise((r) => setTimeout(r, 600)); // a few more sweeps
    await expect(state(alive)).resolves.toMatchObject({ state: 'running' });
  });

  it('a job waiting for its call list (held by another import) keeps its heartbeat fresh, so no other replica takes it for dead; it completes once the list is free', async () => {
    const o = await gw.createOrg();
    await campaign.knows(o.id);
    await dialer.knows(o.id);
    const list = (await gw.request({ method: 'POST', url: '/v1/call-lists', key: o.key, body: { name: 'Held' } })).json<{ id: string }>();
    // Another import's transaction, as the sink takes it: the list locked, held well past IMPORT_STALE_MS (1 s here).
    const holder = await campaign.db.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('SELECT id FROM call_lists WHERE id = $1 FOR NO KEY UPDATE', [list.id]);
    const { payload, contentType } = multipartBody({ bytes: 'telefon\n0555 111 22 01\n0555 111 22 02\n' });
    const res = await gw.app.inject({ method: 'POST', url: `/v1/call-lists/${list.id}/imports`, headers: { authorization: `Bearer ${o.key}`, 'content-type': contentType }, payload });
    expect(res.statusCode).toBe(202);
    const id = res.json<{ id: string }>().id;
    try {
      await new Promise((r) => setTimeout(r, 3000)); // three stale periods, a dozen recovery sweeps
      const [beat] = await campaign.db.dataSource.query(
        `SELECT state, clock_timestamp() - heartbeat_at < interval '1 second' AS fresh FROM import_jobs WHERE id = $1`,
        [id],
      );
      expect(beat).toEqual({ state: 'running', fresh: true });
    } finally {
      await holder.commitTransaction();
      await holder.release();
    }
    const state = async () => (await gw.request({ method: 'GET', url: `/v1/imports/${id}`, key: o.key })).json<{ state: string; accepted: number; errorCode: string | null }>();
    await waitFor(async () => (await state()).state !== 'running' && (await state()).state !== 'queued', 20_000, 'the waiting job finishes');
    await new Promise((r) => setTimeout(r, 1000)); // a second run, were there one, would fail on the unique numbers now
    await expect(state()).resolves.toMatchObject({ state: 'completed', accepted: 2, errorCode: null });
    const [row] = await campaign.db.dataSource.query('SELECT count(*)::int AS n FROM contacts WHERE call_list_id = $1', [list.id]);
    expect(row.n).toBe(2);
    // A late second run's failure (another replica's, had it run) cannot turn the completed job into a failed one.
    await campaign.app.get(ImportJobsPort).fail(asOrgId(o.id), id, 'IMPORT_FILE_UNREADABLE', 'a late run', 0);
    await expect(state()).resolves.toMatchObject({ state: 'completed', accepted: 2, errorCode: null });
  });
});
