import { codeEnum, type CodesOf } from '../common/code-enum';

export const TicketingErrorCode = codeEnum(
  'CUSTOMER_NOT_FOUND',
  'TICKET_NOT_FOUND',
  'PHONE_ALREADY_LINKED',
  'TICKET_INVALID_STATE',
  'OPERATOR_NOT_MAPPED',
);
export type TicketingErrorCode = CodesOf<typeof TicketingErrorCode>;
