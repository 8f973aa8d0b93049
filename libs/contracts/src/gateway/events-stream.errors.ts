import { codeEnum, type CodesOf } from '../common/code-enum';

/** The api-gateway's live event stream (`/v1/events/stream`, its stream tokens). */
export const EventsStreamErrorCode = codeEnum('STREAM_TOKEN_INVALID', 'STREAM_TOKEN_EXPIRED', 'STREAM_CONNECTION_LIMIT', 'STREAM_RESUME_INVALID');
export type EventsStreamErrorCode = CodesOf<typeof EventsStreamErrorCode>;
