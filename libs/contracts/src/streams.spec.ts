import { deadLetterStreamSubjects, deadLetterSubject, deadLetterSubjectPrefix, durableName, eventStreamSubjects, streamName } from './streams';

describe('stream layout helpers (the one place for prefixes, durables and dead letters)', () => {
  it('names durables <service>__<subject or name> with what durables forbid replaced', () => {
    expect(durableName('billing', 'dialer.call.ended.v1')).toBe('billing__dialer_call_ended_v1');
    expect(durableName('billing', 'dialer.*.ended.>')).toBe('billing__dialer___ended__');
    expect(durableName('billing', 'settle-calls')).toBe('billing__settle-calls');
  });

  it('keeps a test prefix on streams, captures and dead letters, never on RPC', () => {
    expect(streamName('Events', 't42')).toBe('T42_EVENTS');
    expect(streamName('DeadLetters', 't42')).toBe('T42_DLQ');
    expect(eventStreamSubjects('t42')).toContain('t42.telephony.>');
    expect(eventStreamSubjects('t42').some((s) => s.startsWith('t42.rpc') || s === 't42.>')).toBe(false);
    expect(deadLetterSubjectPrefix('t42')).toBe('t42.dlq');
    expect(deadLetterStreamSubjects('t42')).toEqual(['t42.dlq.>']);
    expect(deadLetterSubject('billing', 't42.dialer.call.ended.v1', 't42')).toBe('t42.dlq.billing.dialer.call.ended.v1');
  });
});
