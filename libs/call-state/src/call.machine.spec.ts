import {
  CALL_EVENT_TYPES,
  CALL_STATES,
  type CallEffect,
  type CallEvent,
  type CallEventType,
  type CallState,
  TERMINAL_CALL_STATES,
  transitionCall,
} from './index';

// Written by hand from REQUIREMENTS E1/E3/E7 and DESIGN §2/§7, not copied from call.table.ts.
const STATES = ['queued', 'dialing', 'ringing', 'in_progress', 'forwarding', 'ended', 'failed', 'no_answer', 'busy', 'cancelled'] as const;
const TERMINAL = ['ended', 'failed', 'no_answer', 'busy', 'cancelled'];
const EVENTS = [
  'dial_started', 'ringing', 'answered', 'forward_started', 'forward_succeeded', 'forward_failed', 'hangup',
  'abandoned', 'no_answer_timeout', 'busy', 'failed', 'cancelled', 'watchdog_expired', 'leg_ended',
] as const;

const SAMPLE: { [type in CallEventType]: CallEvent } = {
  dial_started: { type: 'dial_started' },
  ringing: { type: 'ringing' },
  answered: { type: 'answered', answeredBy: 'human' },
  forward_started: { type: 'forward_started', target: '+905551234567' },
  forward_succeeded: { type: 'forward_succeeded' },
  forward_failed: { type: 'forward_failed', target: 'sip:desk@pbx.example', reason: 'busy', sipCause: 486 },
  hangup: { type: 'hangup', by: 'customer' },
  abandoned: { type: 'abandoned' },
  no_answer_timeout: { type: 'no_answer_timeout' },
  busy: { type: 'busy' },
  failed: { type: 'failed' },
  cancelled: { type: 'cancelled' },
  watchdog_expired: { type: 'watchdog_expired' },
  leg_ended: { type: 'leg_ended', legId: 'leg-1' },
};

// One row per state, one column per event in EVENTS order.
// "." = rejected; "state" = accepted, next state; "state:reason" = accepted, terminal, with that end reason.
const EXPECTED: { [state in (typeof STATES)[number]]: string } = {
  //            dial    ring    answered    fwd_start  fwd_ok      fwd_fail    hangup                 abandoned                  no_answer_timeout  busy      failed                 cancelled                   watchdog              leg_ended
  queued:      'dialing .       .           .          .           .           .                      no_answer:caller_abandoned .                  .         failed:provider_error  cancelled:cancelled_by_user failed:queue_timeout   .',
  dialing:     '.       ringing in_progress .          .           .           .                      no_answer:caller_abandoned no_answer:no_answer busy:busy failed:provider_error  cancelled:cancelled_by_user failed:stuck_watchdog  dialing',
  ringing:     '.       .       in_progress .          .           .           .                      no_answer:caller_abandoned no_answer:no_answer busy:busy failed:provider_error  cancelled:cancelled_by_user failed:stuck_watchdog  ringing',
  in_progress: '.       .       .           forwarding .           .           ended:customer_hung_up .                          .                  .         failed:provider_error  .                           failed:stuck_watchdog  in_progress',
  forwarding:  '.       .       .           .          in_progress in_progress ended:customer_hung_up .                          .                  .         failed:transfer_failed .                           failed:stuck_watchdog  forwarding',
  ended:       '.       .       .           .          .           .           .                      .                          .                  .         .                      .                           .                      ended',
  failed:      '.       .       .           .          .           .           .                      .                          .                  .         .                      .                           .                      failed',
  no_answer:   '.       .       .           .          .           .           .                      .                          .                  .         .                      .                           .                      no_answer',
  busy:        '.       .       .           .          .           .           .                      .                          .                  .         .                      .                           .                      busy',
  cancelled:   '.       .       .           .          .           .           .                      .                          .                  .         .                      .                           .                      cancelled',
};

interface Case {
  from: CallState;
  event: CallEventType;
  expected: string;
}

const cases: Case[] = STATES.flatMap((from) => {
  const cells = EXPECTED[from].trim().split(/\s+/);
  if (cells.length !== EVENTS.length) throw new Error(`row ${from} has ${cells.length} cells`);
  return EVENTS.map((event, i) => ({ from, event, expected: cells[i]! }));
});

const endCall = (effects: readonly CallEffect[]) => effects.find((e) => e.type === 'end_call');

describe('call machine: every state × every event', () => {
  it('lists exactly the states, terminal states and events the expected table covers', () => {
    expect([...CALL_STATES].sort()).toEqual([...STATES].sort());
    expect([...TERMINAL_CALL_STATES].sort()).toEqual([...TERMINAL].sort());
    expect([...CALL_EVENT_TYPES].sort()).toEqual([...EVENTS].sort());
  });

  it.each(cases)('$from + $event → $expected', ({ from, event, expected }) => {
    const result = transitionCall(from, SAMPLE[event]);
    if (expected === '.') {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.rejection).toEqual({
        code: TERMINAL.includes(from) ? 'terminal_state' : 'illegal_transition',
        from,
        event,
        reason: expect.any(String),
      });
      return;
    }
    const [next, reason] = expected.split(':');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.next).toBe(next);
    const end = endCall(result.effects);
    if (reason === undefined) {
      expect(end).toBeUndefined();
    } else {
      expect(end).toEqual({ type: 'end_call', endReason: expect.objectContaining({ status: next, reason }) });
    }
  });
});
