import { END_REASON_CODES } from '@santral/call-state';
import { callStatusFromReport, dataApiDate, ORIGINATE_REJECTIONS, UNANSWERED_FINISH_REASONS } from './callgear-call-status.mapper';

const finished = (row: Record<string, unknown>) => ({ id: 237859081, finish_time: '2024-04-06 12:31:47', direction: 'out', is_lost: false, talk_duration: 0, wait_duration: 0, total_duration: 0, ...row });

describe('CallGear get.calls_report row → ProviderCallStatus', () => {
  it('no row → unknown (the reconciler then closes as lost_provider_events)', () => {
    expect(callStatusFromReport(undefined)).toEqual({ state: 'unknown' });
  });

  it.each([null, undefined, ''])('finish_time %p (an ongoing call) → active', (finishTime) => {
    expect(callStatusFromReport(finished({ finish_time: finishTime, finish_reason: null }))).toEqual({ state: 'active' });
  });

  it.each([
    // finish_reason, talk, direction, is_lost → status, reason, fault, billable
    ['success_finish', 95, 'out', false, 'ended', 'completed', 'none', true],
    ['operator_disconnects', 95, 'out', false, 'ended', 'operator_hung_up', 'none', true],
    ['caller_disconnects', 95, 'in', false, 'ended', 'customer_hung_up', 'none', true],
    ['timeout', 30, 'out', false, 'ended', 'completed', 'none', true],
    ['caller_busy', 0, 'out', false, 'busy', 'busy', 'customer', true],
    ['caller_not_responsive', 0, 'out', false, 'no_answer', 'no_answer', 'customer', true],
    ['no_success_caller_call', 0, 'out', false, 'no_answer', 'no_answer', 'customer', true],
    ['caller_disconnects', 0, 'out', false, 'failed', 'rejected', 'customer', true],
    ['caller_disconnects', 0, 'in', true, 'no_answer', 'caller_abandoned', 'customer', false],
    ['caller_number_problems', 0, 'out', false, 'failed', 'invalid_number', 'configuration', true],
    ['numa_in_black_list', 0, 'out', false, 'failed', 'TO_NUMBER_NOT_ALLOWS_CALLOUT', 'configuration', false],
    ['locked_numb', 0, 'out', false, 'failed', 'TO_NUMBER_NOT_ALLOWS_CALLOUT', 'configuration', false],
    ['numb_is_inactive', 0, 'out', false, 'failed', 'FROM_NUMBER_NOT_FOUND', 'configuration', false],
    ['out_call_not_allowed', 0, 'out', false, 'failed', 'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT', 'configuration', false],
    ['employee_busy', 0, 'out', false, 'failed', 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL', 'configuration', false],
    ['not_enough_money', 0, 'out', false, 'failed', 'provider_error', 'carrier', false],
    ['internal_error', 0, 'out', false, 'failed', 'provider_error', 'carrier', false],
    ['some_future_reason', 0, 'out', false, 'no_answer', 'no_answer', 'customer', true],
  ])('%s, talk %i s, %s, lost %p → %s / %s', (finishReason, talk, direction, isLost, status, reason, fault, billable) => {
    const s = callStatusFromReport(finished({ finish_reason: finishReason, talk_duration: talk, wait_duration: 12, total_duration: talk + 12, direction, is_lost: isLost }));
    expect(s).toEqual({ state: 'ended', endReason: { status, reason, fault, billable, providerCode: finishReason }, talkSeconds: talk, waitSeconds: 12, totalSeconds: talk + 12 });
  });

  it('reads durations given as strings, and adds talk + wait when total_duration is missing', () => {
    expect(callStatusFromReport(finished({ finish_reason: 'success_finish', talk_duration: '40', wait_duration: '5', total_duration: null }))).toMatchObject({ talkSeconds: 40, waitSeconds: 5, totalSeconds: 45 });
  });

  it('a row without finish_reason still ends, without a provider code', () => {
    const s = callStatusFromReport(finished({ finish_reason: null }));
    expect(s).toEqual({ state: 'ended', endReason: { status: 'no_answer', reason: 'no_answer', fault: 'customer', billable: true }, talkSeconds: 0, waitSeconds: 0, totalSeconds: 0 });
  });

  it('maps only to end reasons of the taxonomy', () => {
    for (const code of [...Object.values(UNANSWERED_FINISH_REASONS), ...Object.values(ORIGINATE_REJECTIONS)]) expect(END_REASON_CODES).toContain(code);
  });

  it('formats Data API dates as YYYY-MM-DD hh:mm:ss', () => {
    expect(dataApiDate(new Date('2024-04-06T09:05:07.123Z'))).toBe('2024-04-06 09:05:07');
    expect(dataApiDate(new Date('2024-04-06T09:05:07.123Z'), 'Europe/Istanbul')).toBe('2024-04-06 12:05:07');
    expect(dataApiDate(new Date('2024-01-01T02:00:00Z'), 'America/New_York')).toBe('2023-12-31 21:00:00');
  });
});
