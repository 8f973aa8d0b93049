/** Call life cycle states (REQUIREMENTS E1). */
export const CALL_STATES = [
  'queued',
  'dialing',
  'ringing',
  'in_progress',
  'forwarding',
  'ended',
  'failed',
  'no_answer',
  'busy',
  'cancelled',
] as const;
export type CallState = (typeof CALL_STATES)[number];

/** Terminal call states; an `EndReason.status` is always one of these. */
export const TERMINAL_CALL_STATES = ['ended', 'failed', 'no_answer', 'busy', 'cancelled'] as const;
export type TerminalCallState = (typeof TERMINAL_CALL_STATES)[number];

export function isTerminalCallState(state: string): state is TerminalCallState {
  return (TERMINAL_CALL_STATES as readonly string[]).includes(state);
}
