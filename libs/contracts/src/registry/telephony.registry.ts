import { HangupCallV1, OriginateCallV1, SendSmsV1, TransferCallV1 } from '../telephony/telephony.commands';
import {
  TelephonyCallAnsweredV1,
  TelephonyCallEndedV1,
  TelephonyCallForwardedV1,
  TelephonyCallForwardingV1,
  TelephonyCallInitiatedV1,
  TelephonyCallLegEndedV1,
  TelephonyCallRingingV1,
  TelephonyCallTransferFailedV1,
  TelephonyInboundReceivedV1,
  TelephonyRecordingCompletedV1,
  TelephonySmsFailedV1,
  TelephonySmsSentV1,
  TelephonyTranscriptCompletedV1,
  TelephonyTranscriptSegmentReceivedV1,
} from '../telephony/telephony.events';
import { TelephonySubjects as T } from '../subjects';
import { command, event } from './define';

const fact = { producer: 'telephony-gateway', consumers: ['dialer-orchestrator'], public: false } as const;

export const telephonyMessages = {
  [T.CallInitiated]: event(TelephonyCallInitiatedV1, { ...fact, description: 'The provider accepted an originate.' }),
  [T.CallRinging]: event(TelephonyCallRingingV1, { ...fact, description: 'The provider reports ringing.' }),
  [T.CallAnswered]: event(TelephonyCallAnsweredV1, { ...fact, description: 'The provider reports the call answered.' }),
  [T.CallForwarding]: event(TelephonyCallForwardingV1, { ...fact, description: 'A transfer started.' }),
  [T.CallForwarded]: event(TelephonyCallForwardedV1, { ...fact, description: 'The transfer target answered.' }),
  [T.CallTransferFailed]: event(TelephonyCallTransferFailedV1, {
    ...fact,
    description: 'The transfer target did not answer or was malformed.',
  }),
  [T.CallLegEnded]: event(TelephonyCallLegEndedV1, {
    ...fact,
    consumers: ['dialer-orchestrator', 'ticketing'],
    description: 'One leg of a call finished (may arrive after the call ended).',
  }),
  [T.CallEnded]: event(TelephonyCallEndedV1, {
    ...fact,
    description: 'The provider reports the whole call over, with durations and the normalized end reason.',
  }),
  [T.InboundReceived]: event(TelephonyInboundReceivedV1, {
    ...fact,
    consumers: ['dialer-orchestrator', 'ticketing'],
    description: "An inbound call reached one of the organization's numbers.",
  }),
  [T.RecordingCompleted]: event(TelephonyRecordingCompletedV1, {
    ...fact,
    consumers: ['transcript'],
    description: 'The provider has a recording file for a call.',
  }),
  [T.TranscriptSegmentReceived]: event(TelephonyTranscriptSegmentReceivedV1, {
    ...fact,
    consumers: ['transcript'],
    description: 'One utterance of a call transcript.',
  }),
  [T.TranscriptCompleted]: event(TelephonyTranscriptCompletedV1, {
    ...fact,
    consumers: ['transcript'],
    description: 'No more transcript segments will come for the call.',
  }),
  [T.SmsSent]: event(TelephonySmsSentV1, {
    producer: 'telephony-gateway',
    consumers: ['dialer-orchestrator'],
    description: 'An SMS was handed to the provider.',
  }),
  [T.SmsFailed]: event(TelephonySmsFailedV1, {
    producer: 'telephony-gateway',
    consumers: ['dialer-orchestrator'],
    description: 'An SMS could not be sent.',
  }),
  [T.OriginateCall]: command(OriginateCallV1, {
    producers: ['dialer-orchestrator'],
    consumer: 'telephony-gateway',
    description: 'Place a call (or the two legs of a click-to-call); idempotent on callId + attempt.',
  }),
  [T.HangupCall]: command(HangupCallV1, {
    producers: ['dialer-orchestrator'],
    consumer: 'telephony-gateway',
    description: 'End a call (user request, watchdog, campaign cancelled).',
  }),
  [T.TransferCall]: command(TransferCallV1, {
    producers: ['dialer-orchestrator'],
    consumer: 'telephony-gateway',
    description: 'Transfer a call to a number or SIP URI.',
  }),
  [T.SendSms]: command(SendSmsV1, {
    producers: ['dialer-orchestrator'],
    consumer: 'telephony-gateway',
    description: 'Send an SMS (e.g. a missed-call message rule); idempotent on smsId.',
  }),
};
