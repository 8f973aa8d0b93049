import { answeredByOf, parseTwilioStatus } from './twilio-status.parser';

const url = 'https://gw.example/webhooks/twilio/acc/status?callId=0b7e3c8e-5a7f-4f7e-9d52-1f1c4a9b2a11';

describe('Twilio status callbacks', () => {
  it('maps statuses to facts and keeps our call id from the callback URL', () => {
    const p = (CallStatus: string, extra: Record<string, string> = {}) => parseTwilioStatus(url, undefined, { CallSid: 'CA123', CallStatus, ...extra }, new Date());
    expect(p('initiated').facts).toEqual([]);
    expect(p('ringing').facts).toEqual([{ kind: 'ringing' }]);
    expect(p('in-progress', { AnsweredBy: 'machine_start' }).facts).toEqual([{ kind: 'answered', answeredBy: 'machine' }]);
    const done = p('completed', { CallDuration: '61', SequenceNumber: '3' });
    expect(done.callId).toBe('0b7e3c8e-5a7f-4f7e-9d52-1f1c4a9b2a11');
    expect(done.dedupeKey).toBe('CA123:completed:3');
    expect(done.facts[0]).toMatchObject({ kind: 'ended', talkSeconds: 61, endReason: { reason: 'completed' } });
    expect(p('no-answer').facts[0]).toMatchObject({ endReason: { status: 'no_answer' } });
    expect(() => p('exploded')).toThrow();
  });

  it('AnsweredBy values', () => {
    expect(['human', 'machine_end_beep', 'fax', 'unknown', undefined].map(answeredByOf)).toEqual(['human', 'machine', 'machine', 'unknown', 'unknown']);
  });
});
