import {
  BalanceExhaustedV1,
  BalanceLowV1,
  CreditsReleasedV1,
  CreditsReservedV1,
  CreditsSettledV1,
  TopupCompletedV1,
} from '../billing/billing.events';
import { CustomerMatchedV1, TicketCreatedV1, TicketUpdatedV1 } from '../ticketing/ticketing.events';
import { RecordingReadyV1, TranscriptReadyV1 } from '../transcript/transcript.events';
import { BillingSubjects as B, TicketingSubjects as K, TranscriptSubjects as R } from '../subjects';
import { event } from './define';

export const billingMessages = {
  [B.CreditsReserved]: event(CreditsReservedV1, {
    description: 'Credit was held for a call at dispatch.',
    producer: 'billing',
    consumers: [],
  }),
  [B.CreditsSettled]: event(CreditsSettledV1, {
    description: 'A call was charged: exactly one settlement per ended call.',
    producer: 'billing',
    consumers: ['campaign'],
  }),
  [B.CreditsReleased]: event(CreditsReleasedV1, {
    description: 'A reservation was returned unused (call never dialled, expired, cancelled).',
    producer: 'billing',
    consumers: [],
  }),
  [B.BalanceLow]: event(BalanceLowV1, {
    description: "The balance crossed the organization's low-balance threshold.",
    producer: 'billing',
    consumers: [],
  }),
  [B.BalanceExhausted]: event(BalanceExhaustedV1, {
    description: 'The balance fell below the minimum to start a call; campaigns pause with insufficient credits.',
    producer: 'billing',
    consumers: ['campaign', 'dialer-orchestrator'],
  }),
  [B.TopupCompleted]: event(TopupCompletedV1, {
    description: 'Credits were added by a payment or auto-recharge.',
    producer: 'billing',
    consumers: [],
  }),
};

export const transcriptMessages = {
  [R.TranscriptReady]: event(TranscriptReadyV1, {
    description: "A call's transcript is stored and searchable.",
    producer: 'transcript',
    consumers: ['ticketing'],
  }),
  [R.RecordingReady]: event(RecordingReadyV1, {
    description: "A call's recording is stored and downloadable.",
    producer: 'transcript',
    consumers: ['ticketing'],
  }),
};

export const ticketingMessages = {
  [K.CustomerMatched]: event(CustomerMatchedV1, {
    description: 'The caller of an inbound call was looked up: the screen-pop card, or matched=false.',
    producer: 'ticketing',
    consumers: [],
  }),
  [K.TicketCreated]: event(TicketCreatedV1, {
    description: 'A ticket was created (from a call, a missed call, or by hand).',
    producer: 'ticketing',
    consumers: [],
  }),
  [K.TicketUpdated]: event(TicketUpdatedV1, {
    description: 'A ticket changed (status, handset, assignee, attached calls).',
    producer: 'ticketing',
    consumers: [],
  }),
};
