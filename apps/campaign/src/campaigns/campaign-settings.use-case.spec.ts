import { AGENT, LIST, ORG_A, ORG_B } from '../../test/campaign-fakes';
import { campaignWorld, draftRequest } from '../../test/campaign-world';

const fields = (e: unknown) => ((e as { extra: { errors: Array<{ field: string }> } }).extra.errors ?? []).map((x) => x.field);

describe('create and edit a campaign (D1)', () => {
  it('creates a draft with the D1 defaults: 09:00–12:00 and 14:00–17:00, 3 attempts at different times', async () => {
    const w = campaignWorld();
    const c = await w.create.execute(draftRequest());
    expect(c).toMatchObject({ state: 'draft', pauseReason: null, callingWindows: [{ start: '09:00', end: '12:00' }, { start: '14:00', end: '17:00' }], ringTimeoutSeconds: 30, requestedContacts: 0 });
    expect(c.retryPolicy.maxAttemptsPerContact).toBe(3);
    expect(w.events.events).toEqual([]);
  });

  it('names every bad field: end before start, a window out of order or past 19:00, a twice-listed day, a retry rule past the cap', async () => {
    const w = campaignWorld();
    const bad = draftRequest({
      endsAt: '2026-11-30T00:00:00.000Z',
      callingWindows: [{ start: '12:00', end: '10:00' }, { start: '08:00', end: '20:00', days: ['mon', 'mon'] }],
      retryPolicy: { maxAttemptsPerContact: 2, rules: [{ disposition: 'busy', delayMinutes: 10, maxAttempts: 2 }, { disposition: 'busy', delayMinutes: 20, maxAttempts: 1 }] },
      restrictedDates: ['2026-12-05', '2026-12-05'],
    });
    const error = await w.create.execute(bad).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(fields(error)).toEqual([
      'endsAt', 'callingWindows.0.end', 'callingWindows.1.start', 'callingWindows.1.end', 'callingWindows.1.days',
      'retryPolicy.rules.0.maxAttempts', 'retryPolicy.rules.1.disposition', 'restrictedDates',
    ]);
    expect(w.campaigns.rows.size).toBe(0);
  });

  it("refuses another organization's agent or call list as not found, naming which", async () => {
    const w = campaignWorld();
    await expect(w.create.execute(draftRequest({ organizationId: ORG_B }))).rejects.toMatchObject({ code: 'CAMPAIGN_AGENT_NOT_FOUND', extra: { field: 'agentId' } });
    w.sources.agents.set(`${ORG_B}|${AGENT}`, w.sources.agents.get(`${ORG_A}|${AGENT}`)!);
    await expect(w.create.execute(draftRequest({ organizationId: ORG_B }))).rejects.toMatchObject({ code: 'CAMPAIGN_CALL_LIST_NOT_FOUND', extra: { field: 'callListId' } });
    await expect(w.create.execute(draftRequest({ name: undefined }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('an edit before the start publishes nothing; while active it sends the whole plan (campaign.campaign.updated.v1)', async () => {
    const w = campaignWorld();
    const { campaignId } = await w.create.execute(draftRequest());
    await w.update.execute({ organizationId: ORG_A, campaignId, callsPerHour: 100 });
    expect(w.events.events).toEqual([]);
    await w.start.execute({ organizationId: ORG_A, campaignId });
    const edited = await w.update.execute({ organizationId: ORG_A, campaignId, callingWindows: [{ start: '10:00', end: '11:00', days: ['mon'] }], callsPerHour: null });
    expect(edited).toMatchObject({ state: 'active', callsPerHour: null, callingWindows: [{ start: '10:00', end: '11:00', days: ['mon'] }] });
    expect(w.events.events.at(-1)).toEqual({ type: 'updated', campaignId, callingWindows: [{ start: '10:00', end: '11:00', days: ['mon'] }] });
  });

  it('keeps agent and list once started, refuses edits when over, and an edit with nothing in it', async () => {
    const w = campaignWorld();
    const { campaignId } = await w.create.execute(draftRequest());
    await expect(w.update.execute({ organizationId: ORG_A, campaignId })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await w.start.execute({ organizationId: ORG_A, campaignId });
    await expect(w.update.execute({ organizationId: ORG_A, campaignId, callListId: '0190dddd-0000-7000-8000-00000000ffff' })).rejects.toMatchObject({ code: 'CAMPAIGN_NOT_EDITABLE' });
    await expect(w.update.execute({ organizationId: ORG_A, campaignId, callListId: LIST, name: 'Aynı liste' })).resolves.toMatchObject({ name: 'Aynı liste' });
    await w.cancel.execute({ organizationId: ORG_A, campaignId });
    await expect(w.update.execute({ organizationId: ORG_A, campaignId, name: 'x' })).rejects.toMatchObject({ code: 'CAMPAIGN_NOT_EDITABLE' });
    await expect(w.update.execute({ organizationId: ORG_B, campaignId, name: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('pause, resume, cancel, credits and the end date (D2, H3)', () => {
  async function active() {
    const w = campaignWorld();
    const { campaignId } = await w.create.execute(draftRequest());
    await w.start.execute({ organizationId: ORG_A, campaignId });
    return { w, id: campaignId };
  }

  it('pauses by hand, refuses a second pause (the first reason stays), resumes', async () => {
    const { w, id } = await active();
    await expect(w.pause.execute({ organizationId: ORG_A, campaignId: id })).resolves.toEqual({ campaignId: id, state: 'paused' });
    await expect(w.pause.execute({ organizationId: ORG_A, campaignId: id })).rejects.toMatchObject({ code: 'CAMPAIGN_INVALID_STATE' });
    await expect(w.resume.execute({ organizationId: ORG_A, campaignId: id })).resolves.toEqual({ campaignId: id, state: 'active' });
    expect(w.events.types()).toEqual(['started', 'paused', 'resumed']);
    expect(w.events.events[1]).toMatchObject({ reason: 'manual' });
    await expect(w.resume.execute({ organizationId: ORG_A, campaignId: id })).rejects.toMatchObject({ code: 'CAMPAIGN_INVALID_STATE' });
  });

  it('running out of credits pauses every active campaign of the organization only; a repeat changes nothing; resuming checks the credits again', async () => {
    const { w, id } = await active();
    const other = (await w.create.execute(draftRequest())).campaignId;
    expect(await w.pauseForCredits.execute(ORG_B, {} as never)).toBe(0);
    expect(await w.pauseForCredits.execute(ORG_A, {} as never)).toBe(1);
    expect(await w.pauseForCredits.execute(ORG_A, {} as never)).toBe(0);
    expect(await w.campaigns.find(ORG_A, id)).toMatchObject({ state: 'paused', pauseReason: 'insufficient_credits' });
    expect((await w.campaigns.find(ORG_A, other))!.state).toBe('draft');
    w.credits.standing_ = { available: 1, minCreditsToStart: 5 };
    await expect(w.resume.execute({ organizationId: ORG_A, campaignId: id })).rejects.toMatchObject({ code: 'INSUFFICIENT_CREDITS' });
    w.credits.standing_ = { available: 50, minCreditsToStart: 5 };
    await expect(w.resume.execute({ organizationId: ORG_A, campaignId: id })).resolves.toMatchObject({ state: 'active' });
  });

  it('cancels: open contacts count as cancelled, the release stops, and it is final', async () => {
    const { w, id } = await active();
    await w.release.execute(ORG_A, id, 2);
    await w.cancel.execute({ organizationId: ORG_A, campaignId: id });
    expect((await w.progress.totals(ORG_A, id)).cancelled).toBe(2);
    await expect(w.release.execute(ORG_A, id, 2)).resolves.toBe(false);
    await expect(w.start.execute({ organizationId: ORG_A, campaignId: id })).rejects.toMatchObject({ code: 'CAMPAIGN_INVALID_STATE' });
  });

  it.each(['active', 'paused'] as const)('past the end date a %s campaign completes with end_date_reached', async (state) => {
    const { w, id } = await active();
    if (state === 'paused') await w.pause.execute({ organizationId: ORG_A, campaignId: id });
    await expect(w.completeEnded.execute(ORG_A, id)).resolves.toBe(false);
    w.clock.at = new Date('2026-12-10T18:00:00Z');
    await expect(w.completeEnded.execute(ORG_A, id)).resolves.toBe(true);
    expect(await w.campaigns.find(ORG_A, id)).toMatchObject({ state: 'completed', completionReason: 'end_date_reached', pauseReason: null });
    expect(w.events.events.at(-1)).toMatchObject({ type: 'completed', reason: 'end_date_reached' });
  });
});
