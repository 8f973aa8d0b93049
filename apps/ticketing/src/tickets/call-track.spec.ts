import { callbackNote, EMPTY_TRACK, foldFact, isOnCall, planSettlement, type CallbackResult, type CallFact, type CallTrack, type TrackOperator } from './call-track';

const A = 'user-a';
const B = 'user-b';
const N = '+905551234567';
const opA: TrackOperator = { providerEmployeeId: '4242', userId: A };
const opB: TrackOperator = { providerEmployeeId: '4343', userId: B };
const unmapped: TrackOperator = { providerEmployeeId: '9999', userId: null };
const seen: CallFact = { type: 'inbound_received', at: '2026-12-01T09:00:00.000Z', number: N };
const answered = (operator = opA, at = '2026-12-01T09:00:05.000Z'): CallFact => ({ type: 'answered', at, operator });
const ended = (over: Partial<Extract<CallFact, { type: 'ended' }>> = {}): CallFact => ({
  type: 'ended', at: '2026-12-01T09:01:00.000Z', direction: 'inbound', talkSeconds: 50, isLost: false, operator: opA, ...over,
});
const track = (...facts: CallFact[]): CallTrack => facts.reduce(foldFact, EMPTY_TRACK);
const plan = (t: CallTrack, ticketed: string[] = []) => planSettlement(t, new Set(ticketed)).map(({ key: _k, ...s }) => s);

describe('call track: what a call asks of tickets when it ends (S4)', () => {
  it.each([
    ['nothing before the end', track(seen, answered()), [], []],
    ['nothing before the first fact (the number is not known yet)', track(ended()), [], []],
    ['J3: answered, no ticket → one from the call', track(seen, answered(), ended()), [], [{ type: 'ended_without_ticket', operatorUserId: A, number: N }]],
    ['§15: answered, the operator made a ticket → its call ended', track(seen, answered(), ended()), [A], [{ type: 'conversation_ended', operatorUserId: A }]],
    ['the end names the operator when no answer came', track(seen, ended()), [], [{ type: 'ended_without_ticket', operatorUserId: A, number: N }]],
    ['J4: transferred A → B, nobody made a ticket', track(seen, answered(opA, '2026-12-01T09:00:05.000Z'), answered(opB, '2026-12-01T09:00:30.000Z'), ended({ operator: opB })), [], [
      { type: 'transferred_untouched', operatorUserId: A, number: N },
      { type: 'ended_without_ticket', operatorUserId: B, number: N },
    ]],
    ['J4: A made a ticket before transferring', track(seen, answered(opA), answered(opB, '2026-12-01T09:00:30.000Z'), ended({ operator: opB })), [A], [
      { type: 'conversation_ended', operatorUserId: A },
      { type: 'ended_without_ticket', operatorUserId: B, number: N },
    ]],
    ['J7: missed, last offered to A', track(seen, ended({ talkSeconds: 0, isLost: true })), [], [{ type: 'missed', number: N, assigneeUserId: A }]],
    ['J7: hung up in the IVR', track(seen, ended({ talkSeconds: 0, isLost: true, operator: undefined })), [], [{ type: 'missed', number: N, assigneeUserId: null }]],
    ['J7: missed, last offered to an unmapped operator → unassigned', track(seen, ended({ talkSeconds: 0, isLost: true, operator: unmapped })), [], [{ type: 'missed', number: N, assigneeUserId: null }]],
    ['G4: taken by an unmapped operator → ignored', track(seen, answered(unmapped), ended({ operator: unmapped })), [], []],
    ['J6: softphone outbound answered', track({ type: 'outbound_seen', at: 'x', number: N }, ended({ direction: 'outbound' })), [], [{ type: 'outbound_without_ticket', operatorUserId: A, number: N }]],
    ['softphone outbound unanswered → no ticket', track({ type: 'outbound_seen', at: 'x', number: N }, ended({ direction: 'outbound', talkSeconds: 0 })), [], []],
    ['J5: click-to-call from a ticket, answered', track({ type: 'dialer_click_to_call', at: 'x', number: N, ticketId: 't1', operatorUserId: A, queued: true }, { type: 'dialer_ended', at: 'y', answered: true }), [], [
      { type: 'callback', ticketId: 't1', answered: true, operatorUserId: A },
    ]],
    ['J5: click-to-call from a ticket waits for the dialer\'s end, not the provider\'s', track({ type: 'dialer_click_to_call', at: 'x', number: N, ticketId: 't1', operatorUserId: A, queued: true }, ended({ direction: 'outbound' })), [], []],
    ['click-to-call: nothing before its queued event (the one naming the ticket) arrived', track({ type: 'dialer_click_to_call', at: 'x', number: N, ticketId: null, operatorUserId: A, queued: false }, { type: 'dialer_ended', at: 'y', answered: true }), [], []],
    ['click-to-call without a ticket, answered → like a softphone call', track({ type: 'dialer_click_to_call', at: 'x', number: N, ticketId: null, operatorUserId: A, queued: true }, { type: 'dialer_ended', at: 'y', answered: true }), [], [
      { type: 'outbound_without_ticket', operatorUserId: A, number: N },
    ]],
  ] as const)('%s', (_name, t, ticketed, expected) => {
    expect(plan(t, [...ticketed])).toEqual(expected);
  });

  it('J3: a draft names the ticket; a transferred operator who typed one is not "untouched"', () => {
    const t = { ...track(seen, answered(opA), answered(opB, '2026-12-01T09:00:30.000Z'), ended({ operator: opB })), drafts: { [A]: { subject: 'Fatura' } } };
    expect(plan(t)).toEqual([
      { type: 'ended_without_ticket', operatorUserId: A, number: N, draft: { subject: 'Fatura' } },
      { type: 'ended_without_ticket', operatorUserId: B, number: N },
    ]);
  });

  it('a step carried out is not planned again; an answer arriving after the end adds its own step', () => {
    const first = track(seen, answered(opB, '2026-12-01T09:00:30.000Z'), ended({ operator: opB }));
    const done = { ...first, done: planSettlement(first, new Set()).map((s) => s.key) };
    expect(plan(done)).toEqual([]);
    expect(plan(foldFact(done, answered(opA)))).toEqual([{ type: 'transferred_untouched', operatorUserId: A, number: N }]);
  });

  it('folds duplicates to one answer per operator, keeping the earliest time and a learnt user id', () => {
    const t = track(answered(unmapped, '2026-12-01T09:00:09.000Z'), answered({ providerEmployeeId: '9999', userId: 'u9' }, '2026-12-01T09:00:07.000Z'), answered(unmapped, '2026-12-01T09:00:08.000Z'));
    expect(t.answers).toEqual([{ providerEmployeeId: '9999', userId: 'u9', at: '2026-12-01T09:00:07.000Z' }]);
    expect(isOnCall(t, 'u9')).toBe(true);
    expect(isOnCall(t, A)).toBe(false);
  });

  describe("F3: the missed call's callback task", () => {
    const result = (over: Partial<CallbackResult> = {}): CallbackResult => ({ taskId: 'task-1', outcome: 'succeeded', attempts: 1, lastCallId: 'call-2', reason: 'customer_hung_up', ...over });
    const finished = (r: CallbackResult): CallFact => ({ type: 'callback_finished', at: '2026-12-01T10:00:00.000Z', result: r });
    const missed = ended({ talkSeconds: 0, isLost: true });

    it('is logged after the missed step, whichever arrived first; before the call ended, nothing', () => {
      const r = result();
      const step = { type: 'callback_task', result: r, note: 'Callback answered (call call-2)' };
      expect(plan(track(finished(r), seen, missed))).toEqual([{ type: 'missed', number: N, assigneeUserId: A }, step]);
      expect(plan(track(seen, missed, finished(r)))).toEqual([{ type: 'missed', number: N, assigneeUserId: A }, step]);
      expect(plan(track(finished(r), seen))).toEqual([]);
      // The missed ticket already made: only the callback's line.
      const done = { ...track(seen, missed), done: ['missed'] };
      expect(plan(foldFact(done, finished(r)))).toEqual([step]);
      expect(plan({ ...foldFact(done, finished(r)), done: ['missed', 'callback_task'] })).toEqual([]);
    });

    it('keeps the first report: a redelivery changes nothing', () => {
      const t = track(seen, missed, finished(result()));
      expect(foldFact(t, finished(result()))).toEqual(t);
      expect(foldFact(t, finished(result({ outcome: 'failed' }))).callback).toEqual(result());
    });

    it('a call that was not missed (talked, or taken by an unmapped operator) logs nothing', () => {
      expect(plan(track(seen, answered(), ended(), finished(result())))).toEqual([{ type: 'ended_without_ticket', operatorUserId: A, number: N }]);
      expect(plan(track(seen, answered(unmapped), ended({ operator: unmapped }), finished(result())))).toEqual([]);
    });

    it.each([
      [result(), 'Callback answered (call call-2)'],
      [result({ outcome: 'failed', reason: 'no_answer' }), 'Callback not answered after 1 attempt (no_answer)'],
      [result({ outcome: 'exhausted', attempts: 3, reason: 'busy' }), 'Callback not answered after 3 attempts (busy)'],
      [result({ outcome: 'failed', attempts: 0, reason: 'queue_timeout' }), 'Callback not dialled (queue_timeout)'],
      [result({ outcome: 'cancelled', attempts: 0, reason: 'cancelled_by_user' }), 'Callback cancelled'],
      [result({ outcome: 'blocked', attempts: 0, lastCallId: null, reason: 'TO_NUMBER_NOT_ALLOWS_CALLOUT' }), 'Callback blocked (TO_NUMBER_NOT_ALLOWS_CALLOUT)'],
      [result({ outcome: 'blocked', attempts: 0, lastCallId: null, reason: null }), 'Callback blocked'],
    ])('note: %j → %s', (r, note) => {
      expect(callbackNote(r)).toBe(note);
    });
  });
});
