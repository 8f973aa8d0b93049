import {
  CALL_MACHINE,
  CALL_STATES,
  type CallEffect,
  type CallEvent,
  type CallState,
  type CallTransitionResult,
  callEventForSipCause,
  endReasonFor,
  transitionCall,
} from './index';

function accepted(result: CallTransitionResult) {
  if (!result.ok) throw new Error(`expected acceptance, got ${result.rejection.reason}`);
  return result;
}
const types = (effects: readonly CallEffect[]) => effects.map((e) => e.type);
const endOf = (state: CallState, event: CallEvent) => {
  const end = accepted(transitionCall(state, event)).effects.find((e) => e.type === 'end_call');
  if (end?.type !== 'end_call') throw new Error('no end_call effect');
  return end.endReason;
};

describe('call machine: effects on key transitions', () => {
  it('ringing arms the ring timer with the configured timeout (30 s default)', () => {
    const event: CallEvent = { type: 'ringing' };
    expect(accepted(transitionCall('dialing', event)).effects).toEqual([
      { type: 'record_transition', from: 'dialing', to: 'ringing', event },
      { type: 'start_ring_timer', seconds: 30 },
    ]);
    expect(accepted(transitionCall('dialing', event, { ringTimeoutSeconds: 45 })).effects[1]).toEqual({
      type: 'start_ring_timer',
      seconds: 45,
    });
  });

  it('ring timeout ends as no_answer: hang up, free the slot, settle, retry-eligible', () => {
    const event: CallEvent = { type: 'no_answer_timeout' };
    const endReason = endReasonFor('no_answer', { status: 'no_answer' });
    expect(accepted(transitionCall('ringing', event))).toEqual({
      ok: true,
      next: 'no_answer',
      effects: [
        { type: 'record_transition', from: 'ringing', to: 'no_answer', event },
        { type: 'stop_ring_timer' },
        { type: 'hang_up_provider' },
        { type: 'end_call', endReason },
        { type: 'release_slot' },
        { type: 'settle_billing', endReason },
        { type: 'schedule_retry_eligible', reason: 'no_answer' },
      ],
    });
    expect(endReason).toEqual({ status: 'no_answer', reason: 'no_answer', fault: 'customer', billable: true });
  });

  it('answer stops the ring timer and keeps answeredBy in the recorded transition', () => {
    const event: CallEvent = { type: 'answered', answeredBy: 'machine' };
    expect(accepted(transitionCall('ringing', event)).effects).toEqual([
      { type: 'record_transition', from: 'ringing', to: 'in_progress', event },
      { type: 'stop_ring_timer' },
    ]);
  });

  it('a hangup after answer ends the call without a retry and without hanging up the provider', () => {
    const result = accepted(transitionCall('in_progress', { type: 'hangup', by: 'agent' }));
    expect(types(result.effects)).toEqual(['record_transition', 'end_call', 'release_slot', 'settle_billing']);
  });

  it.each([
    ['customer', 'customer_hung_up'],
    ['agent', 'agent_hung_up'],
    ['operator', 'operator_hung_up'],
    ['system', 'completed'],
  ] as const)('hangup by %s → %s, fault none, billable', (by, reason) => {
    expect(endOf('in_progress', { type: 'hangup', by })).toEqual({ status: 'ended', reason, fault: 'none', billable: true });
  });

  it('an explicit reason on hangup wins (answering machine)', () => {
    expect(endOf('in_progress', { type: 'hangup', by: 'system', reason: 'voicemail' })).toEqual({
      status: 'ended',
      reason: 'voicemail',
      fault: 'customer',
      billable: true,
    });
  });

  it('failed takes its reason from the provider code, then the SIP cause, keeping both raw values', () => {
    expect(endOf('dialing', { type: 'failed', providerCode: 'REQUEST_ANSWER_URL_ERROR' })).toEqual({
      status: 'failed',
      reason: 'REQUEST_ANSWER_URL_ERROR',
      fault: 'platform',
      billable: false,
      providerCode: 'REQUEST_ANSWER_URL_ERROR',
    });
    expect(endOf('ringing', { type: 'failed', sipCause: 404 })).toMatchObject({ reason: 'invalid_number', sipCause: 404 });
    expect(endOf('ringing', { type: 'failed', providerCode: 'carrier-42', sipCause: 503 })).toEqual({
      status: 'failed',
      reason: 'provider_error',
      fault: 'carrier',
      billable: false,
      providerCode: 'carrier-42',
      sipCause: 503,
    });
    expect(endOf('queued', { type: 'failed', reason: 'dnc_blocked', providerCode: 'FROM_NUMBER_NOT_FOUND' }).reason).toBe(
      'dnc_blocked',
    );
  });

  it('a failure while forwarding is transfer_failed whatever the SIP cause, unless the event names a reason', () => {
    expect(endOf('forwarding', { type: 'failed', sipCause: 503 })).toEqual({
      status: 'failed',
      reason: 'transfer_failed',
      fault: 'configuration',
      billable: true,
      sipCause: 503,
    });
    expect(endOf('forwarding', { type: 'failed', reason: 'provider_error' }).reason).toBe('provider_error');
  });

  it('a failed transfer goes back to in_progress and records the failure; the call goes on', () => {
    const event: CallEvent = { type: 'forward_failed', target: 'sip:desk@pbx.example', reason: 'no answer', sipCause: 480 };
    expect(accepted(transitionCall('forwarding', event))).toEqual({
      ok: true,
      next: 'in_progress',
      effects: [
        { type: 'record_transition', from: 'forwarding', to: 'in_progress', event },
        { type: 'record_transfer_failure', target: 'sip:desk@pbx.example', reason: 'no answer', sipCause: 480 },
      ],
    });
  });

  it('a successful transfer starts forwarded-minute metering (E7)', () => {
    expect(types(accepted(transitionCall('forwarding', { type: 'forward_succeeded' })).effects)).toEqual([
      'record_transition',
      'start_forward_metering',
    ]);
  });

  it('retry eligibility follows the reason: not for DNC, yes for a pre-dial credit shortfall', () => {
    expect(types(accepted(transitionCall('queued', { type: 'failed', reason: 'dnc_blocked' })).effects)).not.toContain(
      'schedule_retry_eligible',
    );
    expect(accepted(transitionCall('queued', { type: 'failed', reason: 'insufficient_credits' })).effects).toContainEqual({
      type: 'schedule_retry_eligible',
      reason: 'insufficient_credits',
    });
  });

  it('watchdog: queue_timeout when queued, stuck_watchdog later, explicit lost_provider_events kept', () => {
    expect(endOf('queued', { type: 'watchdog_expired' })).toMatchObject({ reason: 'queue_timeout', fault: 'platform' });
    expect(endOf('ringing', { type: 'watchdog_expired' })).toMatchObject({ reason: 'stuck_watchdog', billable: false });
    expect(endOf('in_progress', { type: 'watchdog_expired', reason: 'lost_provider_events' })).toMatchObject({
      status: 'failed',
      reason: 'lost_provider_events',
      fault: 'carrier',
    });
    expect(types(accepted(transitionCall('in_progress', { type: 'watchdog_expired' })).effects)).toContain('hang_up_provider');
  });

  it('cancelling a queued call does not touch the provider; cancelling a dialled one hangs it up', () => {
    expect(types(accepted(transitionCall('queued', { type: 'cancelled' })).effects)).not.toContain('hang_up_provider');
    expect(types(accepted(transitionCall('dialing', { type: 'cancelled' })).effects)).toContain('hang_up_provider');
  });
});

describe('call machine: out-of-order facts', () => {
  it.each(['ended', 'failed', 'no_answer', 'busy', 'cancelled'] as const)(
    'a leg_ended after %s is accepted as a late fact and changes nothing',
    (state) => {
      const event: CallEvent = { type: 'leg_ended', legId: 'leg-9' };
      expect(transitionCall(state, event)).toEqual({
        ok: true,
        next: state,
        effects: [{ type: 'record_late_fact', event }],
      });
    },
  );

  it('a duplicate hangup after the end is rejected as terminal, so nothing is settled twice', () => {
    const result = transitionCall('ended', { type: 'hangup', by: 'customer' });
    expect(result).toEqual({
      ok: false,
      rejection: { code: 'terminal_state', from: 'ended', event: 'hangup', reason: expect.stringContaining('terminal') },
    });
  });

  it('a ring timeout that fires after the answer is rejected', () => {
    const result = transitionCall('in_progress', { type: 'no_answer_timeout' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.rejection.code).toBe('illegal_transition');
  });

  it('a hangup before answer is rejected and the reason names the allowed events', () => {
    const result = transitionCall('ringing', { type: 'hangup', by: 'customer' });
    expect(!result.ok && result.rejection.reason).toContain('cancelled');
  });

  it('bad data from storage or the wire is rejected, not thrown', () => {
    expect(transitionCall('toString' as CallState, { type: 'ringing' })).toMatchObject({
      ok: false,
      rejection: { code: 'unknown_state' },
    });
    expect(transitionCall('ringing', { type: 'constructor' } as unknown as CallEvent)).toMatchObject({
      ok: false,
      rejection: { code: 'unknown_event' },
    });
  });
});

describe('call table invariants (every accepted cell)', () => {
  const cells = CALL_STATES.flatMap((from) =>
    Object.entries(CALL_MACHINE.table[from]).map(([event, spec]) => ({ from, event, spec: spec! })),
  );
  const answered: CallState[] = ['in_progress', 'forwarding'];

  it.each(cells)('$from + $event: effects are consistent with the move', ({ from, spec }) => {
    const kinds = spec.effects;
    const terminal = CALL_MACHINE.terminal.includes(spec.to) && !CALL_MACHINE.terminal.includes(from);
    expect(kinds.includes('record_transition')).toBe(spec.to !== from);
    for (const kind of ['end_call', 'release_slot', 'settle_billing'] as const) {
      expect(kinds.filter((k) => k === kind)).toHaveLength(terminal ? 1 : 0);
    }
    expect(spec.end !== undefined).toBe(terminal);
    if (answered.includes(from)) expect(kinds).not.toContain('schedule_retry_eligible');
    expect(kinds.includes('stop_ring_timer')).toBe(from === 'ringing' && spec.to !== 'ringing');
    expect(new Set(kinds).size).toBe(kinds.length);
  });
});

describe('callEventForSipCause', () => {
  it.each([
    [486, { type: 'busy', sipCause: 486 }],
    [600, { type: 'busy', sipCause: 600 }],
    [480, { type: 'no_answer_timeout', sipCause: 480 }],
    [408, { type: 'no_answer_timeout', sipCause: 408 }],
    [404, { type: 'failed', sipCause: 404 }],
    [503, { type: 'failed', sipCause: 503 }],
  ])('%i → %o', (sipCause, event) => {
    expect(callEventForSipCause(sipCause)).toEqual(event);
  });

  it('keeps the provider code', () => {
    expect(callEventForSipCause(603, 'DECLINED')).toEqual({ type: 'failed', sipCause: 603, providerCode: 'DECLINED' });
  });
});
