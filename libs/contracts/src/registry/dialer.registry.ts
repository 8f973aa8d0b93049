import {
  DialerCallAnsweredV1,
  DialerCallDialingV1,
  DialerCallEndedV1,
  DialerCallForwardingV1,
  DialerCallQueuedV1,
  DialerCallRingingV1,
  DialerTaskCreatedV1,
  DialerTaskFinishedV1,
  DialerTaskRetryScheduledV1,
} from '../dialer/dialer.events';
import { DialerSubjects as D } from '../subjects';
import { event } from './define';

export const dialerMessages = {
  [D.CallQueued]: event(DialerCallQueuedV1, {
    description: 'A call is waiting for a free slot, its calling window or the rate cap.',
    producer: 'dialer-orchestrator',
    consumers: ['campaign'],
  }),
  [D.CallDialing]: event(DialerCallDialingV1, {
    description: 'A slot was taken, credits reserved and the originate command sent.',
    producer: 'dialer-orchestrator',
    consumers: ['campaign'],
  }),
  [D.CallRinging]: event(DialerCallRingingV1, {
    description: "The callee's phone is ringing.",
    producer: 'dialer-orchestrator',
    consumers: [],
  }),
  [D.CallAnswered]: event(DialerCallAnsweredV1, {
    description: 'The call was answered and is in progress.',
    producer: 'dialer-orchestrator',
    consumers: ['campaign', 'ticketing'],
  }),
  [D.CallForwarding]: event(DialerCallForwardingV1, {
    description: 'The call is being transferred to a number or SIP URI.',
    producer: 'dialer-orchestrator',
    consumers: [],
  }),
  [D.CallEnded]: event(DialerCallEndedV1, {
    description: 'The single terminal event of a call, with its end reason as data and its durations.',
    producer: 'dialer-orchestrator',
    consumers: ['campaign', 'billing', 'transcript', 'ticketing'],
  }),
  [D.TaskCreated]: event(DialerTaskCreatedV1, {
    description: 'Call tasks were stored (a campaign batch, or a callback for a missed call).',
    producer: 'dialer-orchestrator',
    consumers: ['campaign'],
  }),
  [D.TaskRetryScheduled]: event(DialerTaskRetryScheduledV1, {
    description: 'A task will be dialled again after its retry delay.',
    producer: 'dialer-orchestrator',
    consumers: ['campaign'],
  }),
  [D.TaskFinished]: event(DialerTaskFinishedV1, {
    description: 'A task reached its final outcome (succeeded, failed, exhausted, blocked, cancelled).',
    producer: 'dialer-orchestrator',
    consumers: ['campaign'],
  }),
};
