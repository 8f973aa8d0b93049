import { MAX_CONTACTS_PER_CALL_REQUEST } from '@santral/contracts';
import { contacts, LIST, ORG_A } from '../../test/campaign-fakes';
import { campaignWorld, draftRequest } from '../../test/campaign-world';
import { answeredRank, dialingRank, endedRank, FINAL_RANK, retryRank } from './progress-rules';

const TX = {} as never;

describe('release of contacts and progress (D4, issue 11 item 6)', () => {
  async function started(n: number) {
    const w = campaignWorld();
    w.sources.lists.get(`${ORG_A}|${LIST}`)!.contacts = contacts(n);
    const { campaignId } = await w.create.execute(draftRequest());
    await w.start.execute({ organizationId: ORG_A, campaignId });
    return { w, id: campaignId };
  }

  it('requests the contacts a chunk at a time after the stored cursor, each in order, once', async () => {
    const { w, id } = await started(1234);
    let chunks = 0;
    while (await w.release.execute(ORG_A, id, 500)) chunks += 1;
    const requested = w.events.events.filter((e) => e.type === 'requested').flatMap((e) => e.contacts as string[]);
    expect(requested).toEqual(contacts(1234).map((c) => c.id));
    expect(chunks).toBe(2);
    expect((await w.campaigns.find(ORG_A, id))!.release).toMatchObject({ requested: 1234, done: true, after: contacts(1234)[1233]!.id });
    expect((await w.progress.totals(ORG_A, id)).pending).toBe(1234);
    await expect(w.release.execute(ORG_A, id, 500)).resolves.toBe(false);
  });

  it('releases nothing while paused and carries on after the resume', async () => {
    const { w, id } = await started(30);
    await w.release.execute(ORG_A, id, 10);
    await w.pause.execute({ organizationId: ORG_A, campaignId: id });
    await expect(w.release.execute(ORG_A, id, 10)).resolves.toBe(false);
    await w.resume.execute({ organizationId: ORG_A, campaignId: id });
    while (await w.release.execute(ORG_A, id, 10));
    expect(w.events.events.filter((e) => e.type === 'requested').flatMap((e) => e.contacts as string[])).toEqual(contacts(30).map((c) => c.id));
    expect(MAX_CONTACTS_PER_CALL_REQUEST).toBe(500);
  });

  it('applies dialer facts duplicated and out of order: only newer facts move a contact, a final one never moves', async () => {
    const { w, id } = await started(2);
    while (await w.release.execute(ORG_A, id, 10));
    const [a, b] = contacts(2).map((c) => c.id) as [string, string];
    const fact = (contactId: string, state: 'in_progress' | 'retry_scheduled' | 'succeeded' | 'exhausted', rank: number, attempts: number) => w.fact.execute(ORG_A, id, { contactId, state, rank, attempts }, TX);
    await fact(a, 'retry_scheduled', retryRank(2), 1);
    await expect(fact(a, 'in_progress', dialingRank(1), 1)).resolves.toBe(false);
    await expect(fact(a, 'in_progress', endedRank(1), 1)).resolves.toBe(false);
    await expect(fact(a, 'in_progress', dialingRank(2), 2)).resolves.toBe(true);
    await fact(a, 'succeeded', FINAL_RANK, 2);
    await expect(fact(a, 'succeeded', FINAL_RANK, 2)).resolves.toBe(false);
    await expect(fact(a, 'in_progress', answeredRank(3), 3)).resolves.toBe(false);
    expect(await w.progress.totals(ORG_A, id)).toMatchObject({ succeeded: 1, pending: 1 });
    expect(w.events.types()).not.toContain('completed');
    await fact(b, 'exhausted', FINAL_RANK, 3);
    await fact(b, 'exhausted', FINAL_RANK, 3);
    expect(w.events.events.filter((e) => e.type === 'completed')).toEqual([{ type: 'completed', campaignId: id, reason: 'all_contacts_done', counts: { contacts: 2, succeeded: 1, failed: 0, exhausted: 1, blocked: 0, cancelled: 0 } }]);
    expect(await w.campaigns.find(ORG_A, id)).toMatchObject({ state: 'completed', completionReason: 'all_contacts_done' });
  });

  it('counts a contact stopped by a pre-dial check as blocked, within failed', async () => {
    const { w, id } = await started(3);
    while (await w.release.execute(ORG_A, id, 10));
    const [a, b, c] = contacts(3).map((x) => x.id) as [string, string, string];
    await w.fact.execute(ORG_A, id, { contactId: a, state: 'succeeded', rank: FINAL_RANK, attempts: 1 }, TX);
    await w.fact.execute(ORG_A, id, { contactId: b, state: 'blocked', rank: FINAL_RANK, attempts: 0 }, TX);
    await w.fact.execute(ORG_A, id, { contactId: c, state: 'failed', rank: FINAL_RANK, attempts: 1 }, TX);
    expect(w.events.events.filter((e) => e.type === 'completed').map((e) => e.counts)).toEqual([{ contacts: 3, succeeded: 1, failed: 2, exhausted: 0, blocked: 1, cancelled: 0 }]);
  });

  it('does not complete while contacts are still to be requested', async () => {
    const { w, id } = await started(3);
    await w.release.execute(ORG_A, id, 1);
    await w.fact.execute(ORG_A, id, { contactId: contacts(1)[0]!.id, state: 'succeeded', rank: FINAL_RANK, attempts: 1 }, TX);
    expect((await w.campaigns.find(ORG_A, id))!.state).toBe('active');
  });

  it('answers totals, success rate, average talk time and cost, each call and charge counted once', async () => {
    const { w, id } = await started(2);
    while (await w.release.execute(ORG_A, id, 10));
    const [a] = contacts(2).map((c) => c.id) as [string];
    await w.fact.execute(ORG_A, id, { contactId: a, state: 'succeeded', rank: FINAL_RANK, attempts: 1 }, TX);
    for (let i = 0; i < 2; i++) {
      await w.cost.execute({ kind: 'ended', organizationId: ORG_A, campaignId: id, callId: 'c1', talkSeconds: 40, answered: true }, TX);
      await w.cost.execute({ kind: 'ended', organizationId: ORG_A, campaignId: id, callId: 'c2', talkSeconds: 0, answered: false }, TX);
      await w.cost.execute({ kind: 'settled', organizationId: ORG_A, campaignId: id, reservationId: 'r1', amount: 1.25 }, TX);
    }
    await expect(w.progressOf.execute({ organizationId: ORG_A, campaignId: id })).resolves.toEqual({
      campaignId: id, state: 'active', listContacts: 2, requested: 2,
      totals: { pending: 1, inProgress: 0, retryScheduled: 0, succeeded: 1, failed: 0, exhausted: 0, blocked: 0, cancelled: 0 },
      successRate: 1, averageTalkSeconds: 40, calls: 2, costSoFar: 1.25,
    });
  });
});

describe('diagnostics (D5)', () => {
  it('says why an active campaign dials nothing: calling hours per zone, contacts still being requested, the dialer missing', async () => {
    const w = campaignWorld();
    const { campaignId } = await w.create.execute(draftRequest({ callingWindows: [{ start: '09:00', end: '12:00' }, { start: '14:00', end: '17:00' }] }));
    await w.start.execute({ organizationId: ORG_A, campaignId });
    await w.release.execute(ORG_A, campaignId, 1);
    // 10:00 UTC is 13:00 in Istanbul (between the windows) and 11:00 in Etc/GMT-1 (inside one).
    w.progress.zones = [{ zone: 'Europe/Istanbul', contacts: 812 }, { zone: 'Etc/GMT-1', contacts: 5 }, { zone: null, contacts: 2 }];
    const d = await w.diagnose.execute({ organizationId: ORG_A, campaignId });
    expect(d.dialerAnswered).toBe(false);
    expect(d.sentences).toEqual([
      'still handing contacts to the dialer: 1 of 3 requested',
      'outside calling hours for 812 contacts (Europe/Istanbul) until 14:00',
      '2 contacts have no zone of their own: the dialer takes it from their number',
      'the dialer did not answer (timed out), so free slots and the rate cap are not known',
    ]);
    expect(d.reasons.map((r) => r.code)).toEqual(['requesting_contacts', 'outside_calling_hours', 'zone_from_number', 'dialer_unavailable']);
  });

  it("joins the dialer's reasons when it answers, and explains a credit pause without asking it", async () => {
    const w = campaignWorld();
    const { campaignId } = await w.create.execute(draftRequest());
    await w.start.execute({ organizationId: ORG_A, campaignId });
    while (await w.release.execute(ORG_A, campaignId, 10));
    w.dialer.diagnosis = { answered: true, reasons: [{ code: 'no_free_slot', message: '3 of 3 slots busy' }] };
    expect((await w.diagnose.execute({ organizationId: ORG_A, campaignId })).sentences).toEqual(['3 of 3 slots busy']);
    await w.pauseForCredits.execute(ORG_A, TX);
    await expect(w.diagnose.execute({ organizationId: ORG_A, campaignId })).resolves.toMatchObject({
      dialerAnswered: false,
      sentences: ['paused because the organization ran out of credits; top up, then resume it'],
    });
  });
});
