import { endReasonFor } from '@santral/call-state';
import { validatePayload } from '@santral/contracts';
import type { NormalizedFact, ProviderAccountContext } from '../providers/provider.port';
import { toEvent } from './fact-events';

const account: ProviderAccountContext = {
  id: '01a20155-d5d0-76cc-8b6f-052ce8a9149b', organizationId: '0b7e3c8e-5a7f-4f7e-9d52-1f1c4a9b2a11', type: 'callgear', settings: { defaultCountry: 'TR' }, secrets: {},
  operatorMap: { '42': '2c0b1a54-9a8f-4f0e-8a55-0d6f4f8f7d11' }, webhookBaseUrl: '',
};
const facts: NormalizedFact[] = [
  { kind: 'ringing' },
  { kind: 'answered', answeredBy: 'human', operator: { providerEmployeeId: '42', name: 'Op' } },
  { kind: 'forwarding', target: 'sip:desk@pbx.example' },
  { kind: 'forwarded', target: '+905551112233' },
  { kind: 'transfer_failed', target: '+905551112233', reason: 'busy', sipCause: 486 },
  { kind: 'leg_ended', legId: 'L1', legType: 'operator', talkSeconds: 10.4, totalSeconds: 12, endReason: endReasonFor('busy') },
  { kind: 'ended', direction: 'inbound', talkSeconds: 10, waitSeconds: 2.6, totalSeconds: 13, forwardedSeconds: 0, endReason: endReasonFor('REQUEST_ANSWER_URL_ERROR'), isLost: false, tags: ['VIP'] },
  { kind: 'call_seen', direction: 'inbound', rawFrom: '0555 123 45 67', to: '902125550000' },
  { kind: 'call_seen', direction: 'outbound', rawFrom: '902125550000', to: '905551234567' },
  { kind: 'recording', providerRecordingId: 'r1', url: 'https://r/1.wav', durationSeconds: 10, contentType: 'audio/wav' },
  { kind: 'transcript_segment', seq: 0, speaker: 'customer', text: 'Merhaba', startMs: 0, endMs: 900, language: 'tr' },
  { kind: 'transcript_completed', segmentCount: 1 },
];

describe('normalized fact → contracts event', () => {
  it.each(facts.map((f) => [f.kind, f] as const))('%s validates against its payload class', (_k, fact) => {
    const ev = toEvent({ account, callId: '5f0c2f5e-2f7e-4a3b-9c3c-7d7c1b1a2e10', providerCallId: '1001', occurredAt: new Date(), fact })!;
    const r = validatePayload(ev.type, ev.data);
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  it('maps the operator to the platform user (G4) and normalizes the caller (B2)', () => {
    const answered = toEvent({ account, callId: '5f0c2f5e-2f7e-4a3b-9c3c-7d7c1b1a2e10', providerCallId: '1', occurredAt: new Date(), fact: facts[1]! })!;
    expect(answered.type).toBe('telephony.call.answered.v1');
    expect(answered.data).toMatchObject({ operator: { userId: '2c0b1a54-9a8f-4f0e-8a55-0d6f4f8f7d11' } });
    const inbound = toEvent({ account, callId: '5f0c2f5e-2f7e-4a3b-9c3c-7d7c1b1a2e10', providerCallId: '1', occurredAt: new Date(), fact: facts[7]! })!;
    expect(inbound.data).toMatchObject({ from: '+905551234567', to: '+902125550000' });
  });
});
