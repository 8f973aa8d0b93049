import { endReasonFor, type EndReasonCode } from '@santral/call-state';
import type { ProviderCallStatus } from '../provider.port';
import { DEFAULT_CALLGEAR_TIME_ZONE, formatWallClock } from './callgear-time';

/** The get.calls_report columns the reconciler needs (Data API, "Reports → Calls"). */
export const CALLS_REPORT_FIELDS = ['id', 'start_time', 'finish_time', 'finish_reason', 'direction', 'is_lost', 'talk_duration', 'wait_duration', 'total_duration'] as const;

/**
 * `finish_reason` of a call session that nobody talked in → our taxonomy. Reasons that
 * are not listed end as no_answer (as the /end notification does), or caller_abandoned
 * for a lost inbound call; the mnemonic itself is kept as providerCode.
 */
export const UNANSWERED_FINISH_REASONS: Readonly<Record<string, EndReasonCode>> = {
  caller_busy: 'busy',
  caller_not_responsive: 'no_answer',
  no_success_caller_call: 'no_answer',
  timeout: 'no_answer',
  caller_disconnects: 'rejected',
  caller_number_problems: 'invalid_number',
  numa_in_black_list: 'TO_NUMBER_NOT_ALLOWS_CALLOUT',
  locked_numb: 'TO_NUMBER_NOT_ALLOWS_CALLOUT',
  numb_not_exists: 'FROM_NUMBER_NOT_FOUND',
  numb_is_inactive: 'FROM_NUMBER_NOT_FOUND',
  out_call_not_allowed: 'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT',
  out_call_not_allowed_by_status: 'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT',
  external_call_not_allowed: 'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT',
  external_call_not_allowed_by_status: 'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT',
  employees_not_exists: 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL',
  employee_busy: 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL',
  employee_busy_after_call: 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL',
  operator_busy: 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL',
  not_enough_money: 'provider_error',
  no_money: 'provider_error',
  limit_exceeded: 'provider_error',
  internal_error: 'provider_error',
  platform_not_found: 'provider_error',
  no_resources: 'provider_error',
  incorrect_config: 'provider_error',
  call_not_allowed_on_tp: 'provider_error',
};

/** Who ended a call that had a conversation. */
const ANSWERED_FINISH_REASONS: Readonly<Record<string, EndReasonCode>> = {
  caller_disconnects: 'customer_hung_up',
  operator_disconnects: 'operator_hung_up',
};

/** Error mnemonics of start.employee_call that say why a call could not start. */
export const ORIGINATE_REJECTIONS: Readonly<Record<string, EndReasonCode>> = {
  contact_in_blacklist: 'TO_NUMBER_NOT_ALLOWS_CALLOUT',
  virtual_phone_number_not_found: 'FROM_NUMBER_NOT_FOUND',
  own_virtual_phone_number_not_allowed: 'invalid_number',
  employee_not_found: 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL',
  no_active_phone_number: 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL',
};

const num = (v: unknown): number => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
};

/** One get.calls_report row (or none) → what the reconciler should do with the call. */
export function callStatusFromReport(row: Record<string, unknown> | undefined): ProviderCallStatus {
  if (!row) return { state: 'unknown' };
  if (row.finish_time === null || row.finish_time === undefined || row.finish_time === '') return { state: 'active' };
  const finish = typeof row.finish_reason === 'string' && row.finish_reason ? row.finish_reason.slice(0, 100) : undefined;
  const talkSeconds = num(row.talk_duration);
  const waitSeconds = num(row.wait_duration);
  const totalSeconds = num(row.total_duration) || talkSeconds + waitSeconds;
  let code: EndReasonCode;
  if (talkSeconds > 0) code = (finish && ANSWERED_FINISH_REASONS[finish]) || 'completed';
  else if (row.direction === 'in' && row.is_lost === true) code = 'caller_abandoned';
  else code = (finish && UNANSWERED_FINISH_REASONS[finish]) || 'no_answer';
  return { state: 'ended', endReason: endReasonFor(code, { providerCode: finish }), talkSeconds, waitSeconds, totalSeconds };
}

/** `YYYY-MM-DD hh:mm:ss` (the Data API's date format), on the wall clock of the account's zone (default UTC). */
export function dataApiDate(d: Date, timeZone: string = DEFAULT_CALLGEAR_TIME_ZONE): string {
  return formatWallClock(d, timeZone);
}
