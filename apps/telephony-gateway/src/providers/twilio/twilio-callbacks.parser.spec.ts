import { validatePayload } from '@santral/contracts';
import { toEvent } from '../../webhooks/fact-events';
import type { NormalizedFact, ProviderAccountContext } from '../provider.port';
import { parseTwilioRecording, parseTwilioTranscription, parseTwilioVoice } from './twilio-callbacks.parser';

const CALL_ID = '0b7e3c8e-5a7f-4f7e-9d52-1f1c4a9b2a11';
const base = 'https://gw.example/webhooks/twilio/acc';
const now = new Date('2025-01-02T03:04:05Z');
const CA = `CA${'a'.repeat(32)}`;
const RE = `RE${'b'.repeat(32)}`;
const TR = `TR${'c'.repeat(32)}`;

const inbound = (extra: Record<string, string> = {}) => ({
  AccountSid: `AC${'1'.repeat(32)}`, CallSid: CA, From: '+905321234567', To: '+902125550000', CallStatus: 'ringing', Direction: 'inbound', ApiVersion: '2010-04-01', ...extra,
});
const recording = (extra: Record<string, string> = {}) => ({
  AccountSid: `AC${'1'.repeat(32)}`, CallSid: CA, RecordingSid: RE, RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/${RE}`,
  RecordingStatus: 'completed', RecordingDuration: '42', RecordingChannels: '2', RecordingSource: 'OutboundAPI', ...extra,
});
const transcription = (extra: Record<string, string> = {}) => ({
  AccountSid: `AC${'1'.repeat(32)}`, CallSid: CA, TranscriptionSid: TR, TranscriptionText: 'Please call me back about my order.', TranscriptionStatus: 'completed',
  TranscriptionUrl: `https://api.twilio.com/2010-04-01/Accounts/AC1/Transcriptions/${TR}`, RecordingSid: RE, RecordingUrl: 'https://api.twilio.com/r', ...extra,
});

describe('Twilio incoming-call webhook (voice)', () => {
  it('an inbound call is first seen with the raw numbers; the CallSid is the dedupe key', () => {
    const p = parseTwilioVoice(`${base}/voice`, inbound(), now);
    expect(p).toEqual({ dedupeKey: `voice:${CA}`, providerCallId: CA, callId: undefined, occurredAt: now, legIds: [], facts: [{ kind: 'call_seen', direction: 'inbound', rawFrom: '+905321234567', to: '+902125550000' }] });
    expect(parseTwilioVoice(`${base}/voice`, inbound({ CallStatus: 'ringing' }), new Date()).dedupeKey).toBe(p.dedupeKey);
    expect(parseTwilioVoice(`${base}/voice`, inbound({ CallSid: `CA${'d'.repeat(32)}` }), now).dedupeKey).not.toBe(p.dedupeKey);
  });

  it('falls back to Caller/Called, keeps a withheld caller empty, ignores non-inbound calls', () => {
    const p = parseTwilioVoice(`${base}/voice`, { CallSid: CA, Caller: 'anonymous', Called: '+902125550000', Direction: 'inbound' }, now);
    expect(p.facts).toEqual([{ kind: 'call_seen', direction: 'inbound', rawFrom: 'anonymous', to: '+902125550000' }]);
    expect(parseTwilioVoice(`${base}/voice`, { CallSid: CA, To: '+902125550000' }, now).facts[0]).toMatchObject({ rawFrom: '' });
    expect(parseTwilioVoice(`${base}/voice?callId=${CALL_ID}`, inbound({ Direction: 'outbound-api' }), now)).toMatchObject({ callId: CALL_ID, facts: [] });
  });

  it.each([
    ['no CallSid', { CallSid: '' }],
    ['a CallSid of another resource', { CallSid: RE }],
    ['no To', { To: '' }],
    ['a To over 100 characters', { To: '1'.repeat(101) }],
  ])('rejects %s', (_name, extra) => {
    expect(() => parseTwilioVoice(`${base}/voice`, inbound(extra), now)).toThrow();
  });
});

describe('Twilio RecordingStatusCallback (recording)', () => {
  it('completed → a recording fact with the media URL and duration, our call id from the URL', () => {
    const p = parseTwilioRecording(`${base}/recording?callId=${CALL_ID}`, recording(), now);
    expect(p).toMatchObject({ dedupeKey: `recording:${RE}:completed`, providerCallId: CA, callId: CALL_ID, legIds: [] });
    expect(p.facts).toEqual([{ kind: 'recording', providerRecordingId: RE, url: recording().RecordingUrl, durationSeconds: 42 }]);
  });

  it('in-progress, absent and failed are receipts without facts, each with its own key', () => {
    const keys = ['in-progress', 'absent', 'failed'].map((RecordingStatus) => {
      const p = parseTwilioRecording(`${base}/recording`, recording({ RecordingStatus, RecordingUrl: '' }), now);
      expect(p.facts).toEqual([]);
      return p.dedupeKey;
    });
    expect(new Set([...keys, `recording:${RE}:completed`]).size).toBe(4);
  });

  it.each([
    ['an unknown status', { RecordingStatus: 'exploded' }],
    ['completed without a URL', { RecordingUrl: '' }],
    ['a URL that is not http(s)', { RecordingUrl: 'javascript:alert(1)' }],
    ['no RecordingSid', { RecordingSid: '' }],
    ['a negative duration', { RecordingDuration: '-3' }],
    ['three channels', { RecordingChannels: '3' }],
  ])('rejects %s', (_name, extra) => {
    expect(() => parseTwilioRecording(`${base}/recording`, recording(extra), now)).toThrow();
  });
});

describe('Twilio transcribeCallback (transcription)', () => {
  it('completed → one customer segment and transcript completed', () => {
    const p = parseTwilioTranscription(`${base}/transcription`, transcription(), now);
    expect(p.dedupeKey).toBe(`transcription:${TR}:completed`);
    expect(p.facts).toEqual([
      { kind: 'transcript_segment', seq: 0, speaker: 'customer', text: 'Please call me back about my order.', startMs: 0, endMs: 0 },
      { kind: 'transcript_completed', segmentCount: 1 },
    ]);
  });

  it('failed or empty → completed with no segments; in-progress → nothing yet', () => {
    expect(parseTwilioTranscription(`${base}/transcription`, transcription({ TranscriptionStatus: 'failed', TranscriptionText: '' }), now)).toMatchObject({
      dedupeKey: `transcription:${TR}:failed`, facts: [{ kind: 'transcript_completed', segmentCount: 0 }],
    });
    expect(parseTwilioTranscription(`${base}/transcription`, transcription({ TranscriptionText: '  ' }), now).facts).toEqual([{ kind: 'transcript_completed', segmentCount: 0 }]);
    expect(parseTwilioTranscription(`${base}/transcription`, transcription({ TranscriptionStatus: 'in-progress' }), now).facts).toEqual([]);
  });

  it.each([
    ['no TranscriptionSid', { TranscriptionSid: '' }],
    ['an unknown status', { TranscriptionStatus: 'done' }],
    ['a RecordingSid of another resource', { RecordingSid: CA }],
    ['a text over 10,000 characters', { TranscriptionText: 'a'.repeat(10_001) }],
  ])('rejects %s', (_name, extra) => {
    expect(() => parseTwilioTranscription(`${base}/transcription`, transcription(extra), now)).toThrow();
  });
});

describe('Twilio facts → contracts events', () => {
  const account: ProviderAccountContext = {
    id: '01a20155-d5d0-76cc-8b6f-052ce8a9149b', organizationId: '0b7e3c8e-5a7f-4f7e-9d52-1f1c4a9b2a11', type: 'twilio', settings: { defaultCountry: 'TR' }, secrets: {}, operatorMap: {}, webhookBaseUrl: base,
  };
  const event = (fact: NormalizedFact) => toEvent({ account, callId: CALL_ID, providerCallId: CA, occurredAt: now, fact })!;
  const facts = [
    ...parseTwilioVoice(`${base}/voice`, inbound({ From: '05321234567' }), now).facts,
    ...parseTwilioRecording(`${base}/recording`, recording(), now).facts,
    ...parseTwilioTranscription(`${base}/transcription`, transcription(), now).facts,
  ];

  it.each(facts.map((f) => [f.kind, f] as const))('%s validates against its payload class', (_kind, fact) => {
    const ev = event(fact);
    const r = validatePayload(ev.type, ev.data);
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  it('inbound.received carries the caller and the number in E.164', () => {
    expect(event(facts[0]!)).toMatchObject({ type: 'telephony.inbound.received.v1', data: { from: '+905321234567', rawFrom: '05321234567', to: '+902125550000', provider: 'twilio' } });
    expect(event(facts[1]!)).toMatchObject({ type: 'telephony.recording.completed.v1', data: { durationSeconds: 42, providerRecordingId: RE } });
    expect(event(facts[3]!)).toMatchObject({ type: 'telephony.transcript.completed.v1', data: { segmentCount: 1 } });
  });
});
