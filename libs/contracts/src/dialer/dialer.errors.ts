import { codeEnum, type CodesOf } from '../common/code-enum';

/** Dialer errors: the named pre-dial checks of E4 (S0, S3) and call control. */
export const DialingErrorCode = codeEnum(
  'INSUFFICIENT_CREDITS',
  'AGENT_INACTIVE',
  'AGENT_INCOMPLETE',
  'FROM_NUMBER_NOT_FOUND',
  'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT',
  'INVALID_PHONE_NUMBER',
  'TO_NUMBER_NOT_ALLOWS_CALLOUT',
  'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL',
  'AGENT_FROM_NOT_FOUND',
  'REQUEST_ANSWER_URL_ERROR',
  'CALL_ALREADY_ENDED',
  'CALL_NOT_IN_PROGRESS',
  'INVALID_TRANSFER_TARGET',
  'CALL_NOT_FOUND',
  // Message rules (F3: "we missed your call").
  'MESSAGE_RULE_NOT_FOUND',
  'MESSAGE_RULE_NAME_TAKEN',
);
export type DialingErrorCode = CodesOf<typeof DialingErrorCode>;

/** E4: pre-dial checks in the order they must be made; the first failure is reported. */
export const DIALING_PRECHECK_ORDER: readonly DialingErrorCode[] = [
  DialingErrorCode.INSUFFICIENT_CREDITS,
  DialingErrorCode.AGENT_INACTIVE,
  DialingErrorCode.AGENT_INCOMPLETE,
  DialingErrorCode.FROM_NUMBER_NOT_FOUND,
  DialingErrorCode.FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT,
  DialingErrorCode.INVALID_PHONE_NUMBER,
  DialingErrorCode.TO_NUMBER_NOT_ALLOWS_CALLOUT,
  DialingErrorCode.AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL,
];
