import { CAMPAIGN_START_CHECK_ORDER } from '@santral/contracts';
import { AGENT, completeAgent, LIST, ORG_A, ORG_B } from '../../test/campaign-fakes';
import { campaignWorld, draftRequest } from '../../test/campaign-world';

describe('start a campaign: the D3 checks in order, then campaign.campaign.started.v1', () => {
  async function draft() {
    const w = campaignWorld();
    const c = await w.create.execute(draftRequest());
    return { w, id: c.campaignId };
  }

  it('starts: active, one started event with the contact count, the release woken; nothing requested yet', async () => {
    const { w, id } = await draft();
    await expect(w.start.execute({ organizationId: ORG_A, campaignId: id })).resolves.toEqual({ campaignId: id, state: 'active' });
    expect(w.events.events).toEqual([{ type: 'started', campaignId: id, totalContacts: 3, sampleSize: null }]);
    expect(w.trigger.wakes).toBe(1);
    expect((await w.campaigns.find(ORG_A, id))!.release).toEqual({ after: null, limit: null, requested: 0, done: false });
  });

  // Each row breaks one more thing than the one before, so the first failing check in the order must be the one named.
  const breaks: Array<[string, (w: ReturnType<typeof campaignWorld>) => void, Record<string, unknown>]> = [
    ['INSUFFICIENT_CREDITS', (w) => (w.credits.standing_ = { available: 4.5, minCreditsToStart: 5 }), { available: 4.5, minCreditsToStart: 5 }],
    ['CAMPAIGN_SCHEDULE_OVER', (w) => (w.clock.at = new Date('2026-12-11T00:00:00Z')), {}],
    ['CAMPAIGN_UNKNOWN_VARIABLE', (w) => w.sources.agents.set(`${ORG_A}|${AGENT}`, completeAgent({ usedVariables: ['name', 'sehir', 'plaka'] })), { variables: ['plaka'] }],
    ['CAMPAIGN_LIST_EMPTY', (w) => (w.sources.lists.get(`${ORG_A}|${LIST}`)!.contacts = []), { callListId: LIST }],
    ['AGENT_INCOMPLETE', (w) => w.sources.agents.set(`${ORG_A}|${AGENT}`, completeAgent({ missingFields: ['voice', 'language'], usedVariables: ['plaka'] })), { missingFields: ['voice', 'language'] }],
    ['AGENT_INACTIVE', (w) => w.sources.agents.set(`${ORG_A}|${AGENT}`, completeAgent({ active: false, missingFields: ['voice'] })), { agentId: AGENT }],
    ['CAMPAIGN_AGENT_MISSING', (w) => w.sources.agents.delete(`${ORG_A}|${AGENT}`), {}],
  ];

  it('follows CAMPAIGN_START_CHECK_ORDER', () => {
    expect([...breaks].reverse().map(([code]) => code)).toEqual(CAMPAIGN_START_CHECK_ORDER);
  });

  it.each(breaks.map((_, i) => [breaks[i]![0], i] as const))('names %s when it is the first check that fails; nothing is written', async (code, upTo) => {
    const { w, id } = await draft();
    for (const [, brk] of breaks.slice(0, upTo + 1)) brk(w);
    await expect(w.start.execute({ organizationId: ORG_A, campaignId: id })).rejects.toMatchObject({ code, extra: expect.objectContaining(breaks[upTo]![2]) });
    expect((await w.campaigns.find(ORG_A, id))!.state).toBe('draft');
    expect(w.events.events).toEqual([]);
    expect(w.trigger.wakes).toBe(0);
  });

  it('names the missing agent fields in the message', async () => {
    const { w, id } = await draft();
    w.sources.agents.set(`${ORG_A}|${AGENT}`, completeAgent({ missingFields: ['systemInstruction', 'voice'] }));
    await expect(w.start.execute({ organizationId: ORG_A, campaignId: id })).rejects.toThrow(/systemInstruction, voice/);
  });

  it('refuses an active campaign through the machine before any check, and another organization gets NOT_FOUND', async () => {
    const { w, id } = await draft();
    await w.start.execute({ organizationId: ORG_A, campaignId: id });
    w.credits.standing_ = { available: 0, minCreditsToStart: 5 };
    await expect(w.start.execute({ organizationId: ORG_A, campaignId: id })).rejects.toMatchObject({ code: 'CAMPAIGN_INVALID_STATE', extra: { state: 'active', event: 'start' } });
    await expect(w.start.execute({ organizationId: ORG_B, campaignId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a sample requests only the next N contacts (D6); starting again without one requests the rest', async () => {
    const { w, id } = await draft();
    await w.start.execute({ organizationId: ORG_A, campaignId: id, sampleSize: 2 });
    expect((await w.campaigns.find(ORG_A, id))!.release.limit).toBe(2);
    while (await w.release.execute(ORG_A, id, 10));
    expect(w.events.events.filter((e) => e.type === 'requested').flatMap((e) => e.contacts as string[])).toHaveLength(2);
    for (const key of [...w.progress.contacts_.keys()]) await w.fact.execute(ORG_A, id, { contactId: key.split('|')[2]!, state: 'succeeded', rank: 1_000_000, attempts: 1 }, {} as never);
    expect(await w.campaigns.find(ORG_A, id)).toMatchObject({ state: 'paused', pauseReason: 'sample_completed' });
    await w.start.execute({ organizationId: ORG_A, campaignId: id });
    while (await w.release.execute(ORG_A, id, 10));
    expect(w.events.events.filter((e) => e.type === 'requested').flatMap((e) => e.contacts as string[])).toHaveLength(3);
    expect(w.events.types()).toEqual(['started', 'requested', 'paused', 'started', 'requested']);
  });
});
