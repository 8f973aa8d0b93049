import { randomUUID } from 'node:crypto';
import { Subjects, validatePayload } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { waitFor } from '@santral/testing';
import { Watchdog } from '../src/calls/watchdog';
import { CallTaskRepository } from '../src/tasks/call-task.repository';
import { DialerRig, numbers } from './support/dialer-rig';

jest.setTimeout(90_000);

// Issue 10 items 5 and 6 (E1, E3, E8): the call's progress events, published once per transition
// whatever order or number of times the facts arrive, and the watchdogs that end stuck calls once,
// free their slots and hang them up — with short configured limits instead of a fake clock.
describe('dialer call progress events and watchdogs (real JetStream, real Postgres)', () => {
  const rig = new DialerRig();

  beforeAll(() => rig.start({ WATCHDOG_INTERVAL_MS: '200', RING_TIMEOUT_GRACE_MS: '300', QUEUED_MAX_MS: '1500', LEASE_GRACE_MS: '120000', PROVIDER_CPS_DEFAULT: '100' }));
  afterAll(() => rig.stop());

  const callOf = async (org: string) =>
    ((await rig.db.query(`SELECT call_id, state, end_reason->>'reason' AS reason, ended_at FROM calls WHERE organization_id = $1`, [org])) as Array<{
      call_id: string; state: string; reason: string | null; ended_at: Date | null;
    }>)[0];
  const leases = async (org: string) => Number((await rig.db.query(`SELECT count(*)::int AS n FROM slot_leases WHERE organization_id = $1`, [org]))[0].n);
  const ends = async (callId: string) => Number((await rig.db.query(
    `SELECT count(*)::int AS n FROM call_transitions WHERE call_id = $1 AND to_state IN ('ended', 'failed', 'no_answer', 'busy', 'cancelled') AND from_state IS DISTINCT FROM to_state`,
    [callId],
  ))[0].n);
  const settle = (ms = 800) => new Promise((r) => setTimeout(r, ms));

  it('publishes dialer.call.ringing and answered once each for a call that rings, answers and ends', async () => {
    const { org, campaign } = await rig.organizationWithCampaign();
    await rig.request(org, campaign, numbers(1000, 1));
    await waitFor(() => rig.mine(org, Subjects.Dialer.CallEnded).length === 1, 20_000, 'ended');
    await settle(300);
    expect(rig.mine(org, Subjects.Dialer.CallRinging).map((e) => e.data)).toEqual([expect.objectContaining({ state: 'ringing', previousState: 'dialing', campaignId: campaign })]);
    expect(rig.mine(org, Subjects.Dialer.CallAnswered).map((e) => e.data.state)).toEqual(['in_progress']);
  });

  it('facts duplicated and out of order: answered before ringing, a repeated answered, forwarding twice, ringing after the end — one event per transition', async () => {
    const { org, campaign } = await rig.organizationWithCampaign();
    rig.telephony.set(org, 'silent');
    await rig.request(org, campaign, numbers(2000, 1));
    await waitFor(() => rig.originates.some((o) => o.organizationId === org), 20_000, 'dialled');
    const cmd = rig.originates.find((o) => o.organizationId === org)!;
    const fact = rig.fact(cmd);
    const operator = { providerEmployeeId: 'emp-7', name: 'Ayşe' };
    await rig.publish(org, Subjects.Telephony.CallAnswered, { ...fact, answeredBy: 'human', operator });
    await waitFor(async () => (await callOf(org))?.state === 'in_progress', 10_000, 'answered first');
    await rig.publish(org, Subjects.Telephony.CallRinging, fact); // late: rejected
    await rig.publish(org, Subjects.Telephony.CallAnswered, { ...fact, answeredBy: 'human' }); // duplicate: rejected
    await rig.publish(org, Subjects.Telephony.CallForwarding, { ...fact, target: '+905559998877' });
    await waitFor(async () => (await callOf(org))?.state === 'forwarding', 10_000, 'forwarding');
    await rig.publish(org, Subjects.Telephony.CallForwarding, { ...fact, target: '+905559998877' }); // duplicate
    await rig.publish(org, Subjects.Telephony.CallEnded, rig.ended(cmd));
    await waitFor(async () => (await callOf(org))?.ended_at !== null, 10_000, 'ended');
    await rig.publish(org, Subjects.Telephony.CallRinging, fact); // after the end
    await rig.publish(org, Subjects.Telephony.CallAnswered, { ...fact, answeredBy: 'human' });
    const rejected = async () => Number((await rig.db.query(`SELECT count(*)::int AS n FROM call_transitions WHERE call_id = $1 AND cause LIKE 'rejected:%'`, [cmd.callId]))[0].n);
    await waitFor(async () => (await rejected()) === 5, 10_000, 'every illegal fact kept as a rejected transition');
    await settle(300);
    expect(rig.mine(org, Subjects.Dialer.CallRinging)).toEqual([]);
    expect(rig.mine(org, Subjects.Dialer.CallAnswered).map((e) => e.data)).toEqual([expect.objectContaining({ callId: cmd.callId, state: 'in_progress', previousState: 'dialing', operator })]);
    expect(rig.mine(org, Subjects.Dialer.CallForwarding).map((e) => e.data)).toEqual([expect.objectContaining({ state: 'forwarding', previousState: 'in_progress', target: '+905559998877' })]);
    expect(rig.mine(org, Subjects.Dialer.CallEnded)).toHaveLength(1);
    for (const e of rig.events.filter((x) => x.orgid === org)) expect(validatePayload(e.type as never, e.data)).toMatchObject({ ok: true });
  });

  it('the end comes before the answer (talk time, answered fact still in flight): the answer it implies is stored and published once, before the end; the late answer is rejected', async () => {
    const { org, campaign } = await rig.organizationWithCampaign();
    rig.telephony.set(org, 'silent');
    await rig.request(org, campaign, numbers(2500, 1));
    await waitFor(() => rig.originates.some((o) => o.organizationId === org), 20_000, 'dialled');
    const cmd = rig.originates.find((o) => o.organizationId === org)!;
    await rig.publish(org, Subjects.Telephony.CallRinging, rig.fact(cmd));
    await waitFor(async () => (await callOf(org))?.state === 'ringing', 10_000, 'ringing');
    await rig.publish(org, Subjects.Telephony.CallEnded, rig.ended(cmd));
    await waitFor(async () => (await callOf(org))?.ended_at !== null, 10_000, 'ended');
    await rig.publish(org, Subjects.Telephony.CallAnswered, { ...rig.fact(cmd), answeredBy: 'human' });
    await rig.publish(org, Subjects.Telephony.CallEnded, rig.ended(cmd));
    const history = async () => (await rig.db.query(`SELECT from_state, to_state, cause FROM call_transitions WHERE call_id = $1 ORDER BY seq`, [cmd.callId])) as Array<{ from_state: string | null; to_state: string; cause: string }>;
    await waitFor(async () => (await history()).some((t) => t.cause === 'rejected:telephony:answered'), 10_000, 'the late answer kept as rejected');
    await settle(300);
    expect((await history()).filter((t) => !t.cause.startsWith('rejected:')).map((t) => `${t.from_state}→${t.to_state}`)).toEqual(['null→dialing', 'dialing→ringing', 'ringing→in_progress', 'in_progress→ended']);
    expect(rig.mine(org, Subjects.Dialer.CallAnswered).map((e) => e.data)).toEqual([expect.objectContaining({ callId: cmd.callId, state: 'in_progress', previousState: 'ringing' })]);
    expect(rig.mine(org, Subjects.Dialer.CallEnded).map((e) => e.data)).toEqual([expect.objectContaining({ state: 'ended', previousState: 'in_progress', talkSeconds: 12 })]);
    for (const e of rig.events.filter((x) => x.orgid === org)) expect(validatePayload(e.type as never, e.data)).toMatchObject({ ok: true });
  });

  it('/metrics shows the slot a ringing call holds for its organization and the call by state, and neither once it ended', async () => {
    const { org, campaign } = await rig.organizationWithCampaign();
    rig.telephony.set(org, 'silent');
    await rig.request(org, campaign, numbers(2700, 1));
    await waitFor(() => rig.originates.some((o) => o.organizationId === org), 20_000, 'dialled');
    const cmd = rig.originates.find((o) => o.organizationId === org)!;
    await rig.publish(org, Subjects.Telephony.CallRinging, rig.fact(cmd));
    await waitFor(async () => (await callOf(org))?.state === 'ringing', 10_000, 'ringing');
    const scrape = async () => (await rig.replicas[0]!.inject({ method: 'GET', url: '/metrics' })).body;
    const before = await scrape();
    expect(before).toMatch(new RegExp(`santral_dialer_slots_in_use\\{[^}]*organization_id="${org}"[^}]*\\} 1\\n`));
    expect(before).toMatch(/santral_dialer_calls_open\{[^}]*state="ringing"[^}]*\} [1-9]/);
    await rig.publish(org, Subjects.Telephony.CallEnded, rig.ended(cmd));
    await waitFor(async () => (await callOf(org))?.ended_at !== null, 10_000, 'ended');
    expect(await scrape()).not.toContain(`organization_id="${org}"`);
  });

  it('an end without talk time from ringing implies no answer', async () => {
    const { org, campaign } = await rig.organizationWithCampaign();
    rig.telephony.set(org, 'silent');
    await rig.request(org, campaign, numbers(2600, 1));
    await waitFor(() => rig.originates.some((o) => o.organizationId === org), 20_000, 'dialled');
    const cmd = rig.originates.find((o) => o.organizationId === org)!;
    await rig.publish(org, Subjects.Telephony.CallRinging, rig.fact(cmd));
    await waitFor(async () => (await callOf(org))?.state === 'ringing', 10_000, 'ringing');
    await rig.publish(org, Subjects.Telephony.CallEnded, {
      ...rig.ended(cmd), talkSeconds: 0, totalSeconds: 20, waitSeconds: 20, endReason: { status: 'no_answer', reason: 'no_answer', fault: 'customer', billable: false },
    });
    await waitFor(async () => (await callOf(org))?.ended_at !== null, 10_000, 'ended');
    await settle(300);
    expect(rig.mine(org, Subjects.Dialer.CallAnswered)).toEqual([]);
    expect(rig.mine(org, Subjects.Dialer.CallEnded).map((e) => e.data)).toEqual([expect.objectContaining({ state: 'no_answer', previousState: 'ringing' })]);
  });

  it('ringing past the ring timeout: ended once as no_answer, hung up, slot freed; a late answer, a late end and another sweep change nothing', async () => {
    const { org, campaign } = await rig.organizationWithCampaign({}, { ringTimeoutSeconds: 5 });
    rig.telephony.set(org, 'rings_forever');
    await rig.request(org, campaign, numbers(3000, 1));
    await waitFor(async () => (await callOf(org))?.state === 'ringing', 20_000, 'ringing');
    const call = (await waitFor(async () => { const c = await callOf(org); return c?.ended_at ? c : undefined; }, 20_000, 'the ring watchdog'))!;
    expect(call).toMatchObject({ state: 'no_answer', reason: 'no_answer' });
    await waitFor(() => rig.hangups.some((h) => h.callId === call.call_id && h.reason === 'no_answer'), 10_000, 'hung up');
    await expect(leases(org)).resolves.toBe(0);
    const cmd = rig.originates.find((o) => o.callId === call.call_id)!;
    await rig.publish(org, Subjects.Telephony.CallAnswered, { ...rig.fact(cmd), answeredBy: 'human' });
    await rig.publish(org, Subjects.Telephony.CallEnded, rig.ended(cmd));
    await rig.replicas[0]!.get(Watchdog).sweep();
    await settle();
    await expect(callOf(org)).resolves.toMatchObject({ state: 'no_answer', reason: 'no_answer' });
    await expect(ends(call.call_id)).resolves.toBe(1);
    expect(rig.mine(org, Subjects.Dialer.CallEnded)).toHaveLength(1);
    expect(rig.mine(org, Subjects.Dialer.TaskFinished)).toHaveLength(1);
    expect(rig.hangups.filter((h) => h.callId === call.call_id)).toHaveLength(1);
    await expect(rig.db.query(`SELECT cause FROM call_transitions WHERE call_id = $1 AND to_state = 'no_answer' AND cause NOT LIKE 'rejected:%'`, [call.call_id])).resolves.toEqual([{ cause: 'watchdog:ring_timeout' }]);
  });

  it('a call up past its maximum length: ended once and hung up, slot freed; a late end changes nothing', async () => {
    const { org, campaign } = await rig.organizationWithCampaign({}, { maxCallSeconds: 10 });
    rig.telephony.set(org, 'talks_forever');
    await rig.request(org, campaign, numbers(4000, 1));
    await waitFor(async () => (await callOf(org))?.state === 'in_progress', 20_000, 'talking');
    const call = (await waitFor(async () => { const c = await callOf(org); return c?.ended_at ? c : undefined; }, 30_000, 'the length watchdog'))!;
    expect(call).toMatchObject({ reason: 'stuck_watchdog' });
    await waitFor(() => rig.hangups.some((h) => h.callId === call.call_id && h.reason === 'stuck_watchdog'), 10_000, 'hung up');
    await expect(leases(org)).resolves.toBe(0);
    await rig.publish(org, Subjects.Telephony.CallEnded, rig.ended(rig.originates.find((o) => o.callId === call.call_id)!));
    await rig.replicas[0]!.get(Watchdog).sweep();
    await settle();
    await expect(ends(call.call_id)).resolves.toBe(1);
    expect(rig.mine(org, Subjects.Dialer.CallEnded)).toHaveLength(1);
    await expect(rig.db.query(`SELECT cause FROM call_transitions WHERE call_id = $1 AND cause LIKE 'watchdog:%'`, [call.call_id])).resolves.toEqual([{ cause: 'watchdog:max_duration' }]);
  });

  it('a direct call queued too long (no slot for it) fails as queue_timeout, its caller’s call id gets its one end; campaign tasks keep waiting', async () => {
    // One slot, reserved for inbound: nothing outbound can be dialled.
    const { org, campaign, account, from } = await rig.organizationWithCampaign({ concurrentSlots: 1, reservedInboundSlots: 1 });
    await rig.request(org, campaign, numbers(5000, 1));
    const callId = randomUUID();
    const [to] = numbers(5100, 1) as [string];
    await waitFor(async () => (await rig.tasksOf(org)).length === 1, 10_000, 'campaign task stored');
    const taskId = await rig.replicas[0]!.get(CallTaskRepository).addDirect(rig.db, asOrgId(org), {
      kind: 'single', callId, to, plan: { ringTimeoutSeconds: 30, providerAccountId: account, fromNumber: from }, timeZoneSource: 'organization',
    });
    await waitFor(() => rig.mine(org, Subjects.Dialer.TaskFinished).length === 1, 20_000, 'the queue watchdog');
    expect(rig.mine(org, Subjects.Dialer.TaskFinished)[0]!.data).toMatchObject({ taskId, kind: 'single', outcome: 'failed', lastEndReason: 'queue_timeout', lastCallId: callId, attempts: 0 });
    await waitFor(() => rig.mine(org, Subjects.Dialer.CallEnded).length === 1, 10_000, 'the call id ended');
    expect(rig.mine(org, Subjects.Dialer.CallEnded)[0]!.data).toMatchObject({ callId, state: 'failed', previousState: 'queued', to, endReason: { reason: 'queue_timeout', status: 'failed', fault: 'platform' } });
    await rig.replicas[0]!.get(Watchdog).sweep();
    await settle();
    expect(rig.mine(org, Subjects.Dialer.TaskFinished)).toHaveLength(1);
    expect(rig.mine(org, Subjects.Dialer.CallEnded)).toHaveLength(1);
    const tasks = await rig.tasksOf(org);
    expect(tasks.find((t) => t.id === taskId)).toMatchObject({ state: 'finished', outcome: 'failed', outcome_reason: 'queue_timeout' });
    expect(tasks.find((t) => t.id !== taskId)).toMatchObject({ state: 'pending' });
    expect(rig.originates.filter((o) => o.organizationId === org)).toEqual([]);
    for (const e of rig.events.filter((x) => x.orgid === org)) expect(validatePayload(e.type as never, e.data)).toMatchObject({ ok: true });
  });
});
