import { answeredByOf, parseTwilioStatus, signedContentDigest } from './twilio-status.parser';

const url = 'https://gw.example/webhooks/twilio/acc/status?callId=0b7e3c8e-5a7f-4f7e-9d52-1f1c4a9b2a11';

describe('Twilio status callbacks', () => {
  it('maps statuses to facts and keeps our call id from the callback URL', () => {
    const p = (CallStatus: string, extra: Record<string, string> = {}) => parseTwilioStatus(url, { CallSid: 'CA123', CallStatus, ...extra }, new Date());
    expect(p('initiated').facts).toEqual([]);
    expect(p('ringing').facts).toEqual([{ kind: 'ringing' }]);
    expect(p('in-progress', { AnsweredBy: 'machine_start' }).facts).toEqual([{ kind: 'answered', answeredBy: 'machine' }]);
    const done = p('completed', { CallDuration: '61', SequenceNumber: '3' });
    expect(done.callId).toBe('0b7e3c8e-5a7f-4f7e-9d52-1f1c4a9b2a11');
    expect(done.dedupeKey).toMatch(/^status:CA123:completed:[\w-]{43}$/);
    expect(done.facts[0]).toMatchObject({ kind: 'ended', talkSeconds: 61, endReason: { reason: 'completed' } });
    expect(p('no-answer').facts[0]).toMatchObject({ endReason: { status: 'no_answer' } });
    expect(() => p('exploded')).toThrow();
  });

  it('keys a callback by its signed content: the same URL and params give one key, any signed difference another', () => {
    const params = { CallSid: 'CA123', CallStatus: 'in-progress', SequenceNumber: '2', Timestamp: 'Tue, 01 Dec 2026 10:00:00 +0000' };
    const key = (u: string, p: Record<string, string>) => parseTwilioStatus(u, p, new Date()).dedupeKey;
    expect(key(url, params)).toBe(key(url, { Timestamp: params.Timestamp, SequenceNumber: '2', CallStatus: 'in-progress', CallSid: 'CA123' }));
    expect(key(url, { ...params, SequenceNumber: '3' })).not.toBe(key(url, params));
    expect(key(`${url}&x=1`, params)).not.toBe(key(url, params));
    // No concatenation ambiguity: a value moved across a key boundary is different content.
    expect(signedContentDigest(url, { ab: 'c' })).not.toBe(signedContentDigest(url, { a: 'bc' }));
  });

  it('AnsweredBy values', () => {
    expect(['human', 'machine_end_beep', 'fax', 'unknown', undefined].map(answeredByOf)).toEqual(['human', 'machine', 'machine', 'unknown', 'unknown']);
  });
});
