import { codeEnum, type CodesOf } from '../common/code-enum';

/** Refusals of the tickets-from-calls actions (J1–J10). */
export const TicketsErrorCode = codeEnum(
  /** Ticketing has heard nothing of this call in the organization. */
  'TICKET_CALL_NOT_FOUND',
  /** This conversation (the call as this operator had it) has its ticket already. */
  'TICKET_CALL_ALREADY_TICKETED',
  /** The operator named is not on the call. */
  'TICKET_OPERATOR_NOT_ON_CALL',
  /** The call is another customer's (another number) than the ticket's. */
  'TICKET_CALL_OTHER_CUSTOMER',
  /** The ticket has no number to call back. */
  'TICKET_HAS_NO_NUMBER',
  /** The statistics period ends before it starts (`to` < `from`). */
  'TICKET_STATS_PERIOD_INVERTED',
);
export type TicketsErrorCode = CodesOf<typeof TicketsErrorCode>;
