import { duration, progressBar, progressLine, summaryText } from './render';
import { callFigures, type DemoSummary, type ProgressFrame } from './run-demo';

const frame: ProgressFrame = { state: 'active', contacts: 200, done: 50, dialled: 80, answered: 40, failed: 10, retrying: 12, inProgress: 20, credits: 187.456, cost: 3.2, elapsedMs: 65_000 };

function call(state: 'ended' | 'busy' | 'no_answer' | 'failed' | 'dialing', reason?: string, talkSeconds?: number) {
  return { callId: 'c', kind: 'campaign' as const, state, attempt: 1, to: '+905320000005', createdAt: '2026-12-01T00:00:00Z', talkSeconds, ...(reason ? { endReason: { status: state as 'ended', reason: reason as 'completed', fault: 'none' as const, billable: true } } : {}) };
}

describe('the demo output', () => {
  it('draws the bar over the contacts done', () => {
    expect(progressBar(0, 200, 10)).toBe('[░░░░░░░░░░]   0 %');
    expect(progressBar(50, 200, 10)).toBe('[███░░░░░░░]  25 %');
    expect(progressBar(200, 200, 10)).toBe('[██████████] 100 %');
    expect(progressBar(5, 0, 4)).toBe('[░░░░]   0 %');
    expect(duration(65_000)).toBe('1:05');
  });

  it('puts dialled, answered, failed and credits on the progress line, and why it waits', () => {
    const line = progressLine(frame);
    expect(line).toMatch(/^\[█+░+\]  25 % 50\/200 · dialled 80 · answered 40 · failed 10 · retry 12 · live 20 · credits 187\.46 \(−3\.20\) · 1:05$/);
    expect(progressLine({ ...frame, state: 'completed', retrying: 0, inProgress: 0, waiting: 'Outside calling hours' })).toMatch(/· completed\n {2}waiting: Outside calling hours$/);
  });

  it('counts answered calls, ASR over ended calls, the average talk of answered calls and the outcomes', () => {
    const figures = callFigures([call('ended', 'customer_hung_up', 60), call('ended', 'agent_hung_up', 30), call('busy', 'busy'), call('no_answer', 'no_answer'), call('dialing')]);
    expect(figures).toEqual({
      calls: 5,
      answered: 2,
      asr: 0.5,
      averageTalkSeconds: 45,
      outcomes: [
        { outcome: 'busy · busy', calls: 1, share: 0.2 },
        { outcome: 'dialing (not ended yet)', calls: 1, share: 0.2 },
        { outcome: 'ended · agent_hung_up', calls: 1, share: 0.2 },
        { outcome: 'ended · customer_hung_up', calls: 1, share: 0.2 },
        { outcome: 'no_answer · no_answer', calls: 1, share: 0.2 },
      ],
    });
    expect(callFigures([])).toMatchObject({ calls: 0, answered: 0, asr: null, averageTalkSeconds: null, outcomes: [] });
  });

  const summary: DemoSummary = {
    organizationId: 'o', apiKey: 'sk_live_x', campaignId: 'c1', campaignState: 'completed', completionReason: 'all_contacts_done', pauseReason: null, interrupted: false,
    regions: [{ zone: 'Europe/Istanbul', city: 'İstanbul', localTime: '10:00', contacts: 3 }],
    import: { accepted: 3, rejected: 3, duplicates: 1 },
    contacts: { total: 3, pending: 0, inProgress: 0, retryScheduled: 0, succeeded: 2, failed: 0, exhausted: 1, blocked: 0, cancelled: 0 },
    calls: 4, answered: 2, asr: 0.5, averageTalkSeconds: 95, outcomes: [{ outcome: 'ended · completed', calls: 2, share: 0.5 }, { outcome: 'busy · busy', calls: 2, share: 0.5 }],
    cost: 0.3167, ledgerCost: 0.3167, currency: 'USD', credits: { toppedUp: 100, balance: 99.6833, reserved: 0 }, startedAt: '2026-12-01T10:00:00.000Z', elapsedMs: 90_000,
  };

  it('sums up in tables and says where to look further', () => {
    const text = summaryText(summary, { baseUrl: 'http://127.0.0.1:3000/', asyncApiFile: '/repo/libs/contracts/asyncapi.json', logsDir: '/repo/.santral/logs' });
    expect(text).toContain('Campaign c1: completed (all_contacts_done) in 1:30');
    expect(text).toMatch(/^ended · completed\s+2\s+50\.0 %$/m);
    expect(text).toMatch(/^\s+3\s+2\s+1\s+0\s+0\s+0\s+0$/m);
    expect(text).toMatch(/^ASR \(answered ÷ ended calls\)\s+50\.0 %$/m);
    expect(text).toMatch(/^average talk \(answered\)\s+1 min 35 s$/m);
    expect(text).toMatch(/^cost\s+0\.32 USD \(= the ledger's posted calls\)$/m);
    expect(text).toContain('http://127.0.0.1:3000/docs');
    expect(text).toContain('/repo/libs/contracts/asyncapi.json');
    expect(text).toContain('cost-report?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z&campaignId=c1');
    expect(text.split('\n').filter((l) => l !== l.trimEnd())).toEqual([]);
  });

  it('says so when the costs do not agree yet, or the run was interrupted', () => {
    expect(summaryText({ ...summary, ledgerCost: 0.2 }, { baseUrl: 'http://x', asyncApiFile: 'a' })).toContain('0.32 USD by the campaign\'s progress, 0.20 by the ledger (still settling)');
    expect(summaryText({ ...summary, interrupted: true, campaignState: 'cancelled' }, { baseUrl: 'http://x', asyncApiFile: 'a' })).toContain('interrupted (Ctrl-C), campaign cancelled');
  });
});
