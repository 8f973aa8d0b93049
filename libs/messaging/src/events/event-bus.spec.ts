import { durableName } from './event-bus';

describe('durableName', () => {
  it('is <service>__<subject> with characters durables forbid replaced', () => {
    expect(durableName('billing', 'dialer.call.ended.v1')).toBe('billing__dialer_call_ended_v1');
    expect(durableName('billing', 'dialer.*.ended.>')).toBe('billing__dialer___ended__');
  });

  it('uses the subscription name when given', () => {
    expect(durableName('billing', 'dialer.call.ended.v1', 'settle-calls')).toBe('billing__settle-calls');
  });
});
