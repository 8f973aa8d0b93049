import {
  CAMPAIGN_EVENT_TYPES,
  CAMPAIGN_MACHINE,
  CAMPAIGN_STATES,
  type CampaignEvent,
  type CampaignEventType,
  type CampaignState,
  type CampaignTransitionResult,
  PAUSE_REASONS,
  TERMINAL_CAMPAIGN_STATES,
  transitionCampaign,
} from './index';

// Written by hand from REQUIREMENTS D2/H3 and DESIGN §7, not copied from campaign.table.ts.
const STATES = ['draft', 'scheduled', 'active', 'paused', 'completed', 'cancelled'] as const;
const TERMINAL = ['completed', 'cancelled'];
const EVENTS = [
  'schedule', 'start', 'pause', 'resume', 'all_contacts_done', 'end_date_reached', 'credits_exhausted', 'cancel', 'edit',
] as const;

const SAMPLE: { [type in CampaignEventType]: CampaignEvent } = {
  schedule: { type: 'schedule' },
  start: { type: 'start' },
  pause: { type: 'pause', reason: 'manual' },
  resume: { type: 'resume' },
  all_contacts_done: { type: 'all_contacts_done' },
  end_date_reached: { type: 'end_date_reached' },
  credits_exhausted: { type: 'credits_exhausted' },
  cancel: { type: 'cancel' },
  edit: { type: 'edit' },
};

// "." = rejected; "state" = accepted; "paused:reason" = accepted with that pause reason set.
const EXPECTED: { [state in (typeof STATES)[number]]: string } = {
  //          schedule  start  pause         resume all_done  end_date                 credits                      cancel    edit
  draft:     'scheduled active .             .      .         .                        .                            cancelled draft',
  scheduled: '.         active .             .      .         completed                .                            cancelled scheduled',
  active:    '.         .      paused:manual .      completed completed                paused:insufficient_credits  cancelled active',
  paused:    '.         active .             active completed completed                .                            cancelled paused',
  completed: '.         .      .             .      .         .                        .                            .         .',
  cancelled: '.         .      .             .      .         .                        .                            .         .',
};

const cases = STATES.flatMap((from) => {
  const cells = EXPECTED[from].trim().split(/\s+/);
  if (cells.length !== EVENTS.length) throw new Error(`row ${from} has ${cells.length} cells`);
  return EVENTS.map((event, i) => ({ from, event, expected: cells[i]! }));
});

function accepted(result: CampaignTransitionResult) {
  if (!result.ok) throw new Error(`expected acceptance, got ${result.rejection.reason}`);
  return result;
}

describe('campaign machine: every state × every event', () => {
  it('lists exactly the states, terminal states and events the expected table covers', () => {
    expect([...CAMPAIGN_STATES].sort()).toEqual([...STATES].sort());
    expect([...TERMINAL_CAMPAIGN_STATES].sort()).toEqual([...TERMINAL].sort());
    expect([...CAMPAIGN_EVENT_TYPES].sort()).toEqual([...EVENTS].sort());
  });

  it.each(cases)('$from + $event → $expected', ({ from, event, expected }) => {
    const result = transitionCampaign(from, SAMPLE[event]);
    if (expected === '.') {
      expect(result).toEqual({
        ok: false,
        rejection: {
          code: TERMINAL.includes(from) ? 'terminal_state' : 'illegal_transition',
          from,
          event,
          reason: expect.any(String),
        },
      });
      return;
    }
    const [next, pauseReason] = expected.split(':');
    const { next: actual, effects } = accepted(result);
    expect(actual).toBe(next);
    const set = effects.filter((e) => e.type === 'set_pause_reason');
    expect(set).toEqual(pauseReason === undefined ? [] : [{ type: 'set_pause_reason', reason: pauseReason }]);
  });
});

describe('campaign machine: rules', () => {
  it.each(PAUSE_REASONS)('pause with reason %s keeps that reason and stops dispatch', (reason) => {
    const event: CampaignEvent = { type: 'pause', reason };
    expect(accepted(transitionCampaign('active', event)).effects).toEqual([
      { type: 'record_transition', from: 'active', to: 'paused', event },
      { type: 'stop_dispatch' },
      { type: 'set_pause_reason', reason },
    ]);
  });

  it('running out of credits pauses with insufficient_credits (H3)', () => {
    expect(accepted(transitionCampaign('active', { type: 'credits_exhausted' })).effects).toContainEqual({
      type: 'set_pause_reason',
      reason: 'insufficient_credits',
    });
  });

  it('resume and start from paused are the same action: same next state, same effects', () => {
    const start = accepted(transitionCampaign('paused', { type: 'start' }));
    const resume = accepted(transitionCampaign('paused', { type: 'resume' }));
    expect(resume.next).toBe(start.next);
    expect(resume.effects.map((e) => e.type)).toEqual(start.effects.map((e) => e.type));
    expect(start.effects.map((e) => e.type)).toEqual(['record_transition', 'clear_pause_reason', 'start_dispatch']);
  });

  it('nothing but an explicit start or resume takes a paused campaign back to active', () => {
    const reactivating = CAMPAIGN_EVENT_TYPES.filter((type) => {
      const result = transitionCampaign('paused', { type, reason: 'manual' } as CampaignEvent);
      return result.ok && result.next === 'active';
    });
    expect(reactivating.sort()).toEqual(['resume', 'start']);
  });

  it('a second pause is rejected so the first reason is kept', () => {
    expect(transitionCampaign('paused', { type: 'pause', reason: 'manual' })).toMatchObject({
      ok: false,
      rejection: { code: 'illegal_transition', from: 'paused', event: 'pause' },
    });
  });

  it.each(['draft', 'scheduled', 'active', 'paused'] as const)('edit while %s applies settings and keeps the state', (state) => {
    expect(transitionCampaign(state, { type: 'edit' })).toEqual({ ok: true, next: state, effects: [{ type: 'apply_settings' }] });
  });

  it('cancelling an active campaign stops dispatch and drops queued calls', () => {
    expect(accepted(transitionCampaign('active', { type: 'cancel' })).effects.map((e) => e.type)).toEqual([
      'record_transition',
      'stop_dispatch',
      'cancel_queued_calls',
    ]);
  });

  it.each(CAMPAIGN_STATES.flatMap((from) => Object.entries(CAMPAIGN_MACHINE.table[from]).map(([event, spec]) => ({ from, event, spec: spec! }))))(
    'table cell $from + $event records a transition iff the state changes',
    ({ from, spec }: { from: CampaignState; event: string; spec: { to: CampaignState; effects: readonly string[] } }) => {
      expect(spec.effects.includes('record_transition')).toBe(spec.to !== from);
      expect(spec.effects.includes('start_dispatch')).toBe(spec.to === 'active' && from !== 'active');
      expect(spec.effects.includes('set_pause_reason')).toBe(spec.to === 'paused' && from !== 'paused');
    },
  );
});

describe('campaign machine: the end date (issue 11)', () => {
  it.each(['scheduled', 'active', 'paused'] as const)('past the end a %s campaign completes, with no pause reason left', (state) => {
    const { next, effects } = accepted(transitionCampaign(state, { type: 'end_date_reached' }));
    expect(next).toBe('completed');
    expect(effects.filter((e) => e.type === 'set_pause_reason')).toEqual([]);
    expect(effects.some((e) => e.type === 'clear_pause_reason')).toBe(state === 'paused');
  });

  it('a finished sample pauses with sample_completed and starts again by hand (D6)', () => {
    expect(accepted(transitionCampaign('active', { type: 'pause', reason: 'sample_completed' })).effects).toContainEqual({ type: 'set_pause_reason', reason: 'sample_completed' });
    expect(accepted(transitionCampaign('paused', { type: 'start' })).next).toBe('active');
  });
});
