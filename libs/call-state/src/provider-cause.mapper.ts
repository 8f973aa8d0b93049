import { type EndReasonCode, isEndReasonCode } from './end-reason.taxonomy';

/**
 * SIP final response → end reason. Exact codes first; otherwise the class decides
 * (3xx/4xx/5xx → provider_error, 6xx → rejected). Below 300 is not a failure.
 */
export const SIP_CAUSE_REASONS: { readonly [sipCause: number]: EndReasonCode } = {
  403: 'rejected',
  404: 'invalid_number',
  408: 'no_answer',
  410: 'invalid_number',
  480: 'no_answer',
  484: 'invalid_number',
  485: 'invalid_number',
  486: 'busy',
  // The INVITE was cancelled before answer: in practice by our own ring timer.
  487: 'no_answer',
  500: 'provider_error',
  502: 'provider_error',
  503: 'provider_error',
  504: 'provider_error',
  600: 'busy',
  603: 'rejected',
  604: 'invalid_number',
};

export function endReasonCodeForSipCause(sipCause: number): EndReasonCode | undefined {
  if (!Number.isInteger(sipCause) || sipCause < 300 || sipCause > 699) return undefined;
  const exact = SIP_CAUSE_REASONS[sipCause];
  if (exact !== undefined) return exact;
  return sipCause >= 600 ? 'rejected' : 'provider_error';
}

/**
 * Provider or pre-dial error names → end reason. Stringee's names (S3) are end
 * reasons themselves; the E4 pre-dial error names map onto our lower-case codes.
 * Matching is exact (these names are upper-case constants on the wire).
 */
export const PROVIDER_CODE_REASONS: { readonly [providerCode: string]: EndReasonCode } = {
  INSUFFICIENT_CREDITS: 'insufficient_credits',
  AGENT_INACTIVE: 'agent_inactive',
  AGENT_INCOMPLETE: 'agent_incomplete',
  INVALID_PHONE_NUMBER: 'invalid_number',
  FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT: 'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT',
  FROM_NUMBER_NOT_FOUND: 'FROM_NUMBER_NOT_FOUND',
  AGENT_FROM_NOT_FOUND: 'AGENT_FROM_NOT_FOUND',
  TO_NUMBER_NOT_ALLOWS_CALLOUT: 'TO_NUMBER_NOT_ALLOWS_CALLOUT',
  AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL: 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL',
  REQUEST_ANSWER_URL_ERROR: 'REQUEST_ANSWER_URL_ERROR',
};

export function endReasonCodeForProviderCode(providerCode: string): EndReasonCode | undefined {
  if (!Object.prototype.hasOwnProperty.call(PROVIDER_CODE_REASONS, providerCode)) return undefined;
  const code = PROVIDER_CODE_REASONS[providerCode];
  return code !== undefined && isEndReasonCode(code) ? code : undefined;
}
