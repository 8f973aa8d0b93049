/**
 * What ticketing knows of one call, folded from facts that arrive in any order and more than
 * once (telephony facts, the dialer's call events). Pure: no framework, no I/O. The fold is
 * order-free (a set of facts gives one track whatever their order) so that the tickets planned
 * from it are too (the property spec checks it).
 */

export interface TrackOperator {
  providerEmployeeId: string;
  /** The platform user it is mapped to (G4); null = not mapped. */
  userId: string | null;
}

export interface CallDraft {
  subject?: string;
  summary?: string;
}

export interface CallTrack {
  direction?: 'inbound' | 'outbound';
  /** The customer's number (inbound caller / outbound callee) in E.164; null = withheld or not normalizable. */
  number?: string | null;
  /** The call's first fact (inbound received / outbound seen at the provider / the dialer's call) arrived. */
  seen: boolean;
  /** Operators who took the call, each once, with the earliest time they answered. */
  answers: Array<TrackOperator & { at: string }>;
  ended?: { at: string; talkSeconds: number; isLost: boolean; operator?: TrackOperator };
  /**
   * Placed by the dialer as a click-to-call (from a ticket when ticketId is set). Only its queued event
   * is sure to name the ticket, so nothing is settled before that one (`queued`) has arrived.
   */
  origin?: { ticketId: string | null; operatorUserId: string | null; queued: boolean };
  dialerEnded?: { at: string; answered: boolean };
  recording?: { url: string; durationSeconds: number };
  /** F3: what became of the dialer's callback task for this (missed) call; the first report is kept. */
  callback?: CallbackResult;
  /** The subject and summary an operator typed before any ticket existed (J3), by user id. */
  drafts: Record<string, CallDraft>;
  /** Settlement keys already carried out (see `planSettlement`). */
  done: string[];
}

/** The dialer's report that a missed call's callback task finished (dialer.task.finished.v1). */
export interface CallbackResult {
  taskId: string;
  outcome: 'succeeded' | 'failed' | 'exhausted' | 'blocked' | 'cancelled';
  attempts: number;
  /** The callback's last call (its never-dialled call id when cancelled or timed out in the queue); none when refused at dispatch. */
  lastCallId: string | null;
  /** The last call's end reason, else the refusal's error code. */
  reason: string | null;
}

export const EMPTY_TRACK: CallTrack = { seen: false, answers: [], drafts: {}, done: [] };

export type CallFact =
  | { type: 'inbound_received'; at: string; number: string | null }
  | { type: 'outbound_seen'; at: string; number: string | null }
  | { type: 'answered'; at: string; operator?: TrackOperator }
  | { type: 'ended'; at: string; direction: 'inbound' | 'outbound'; talkSeconds: number; isLost: boolean; operator?: TrackOperator }
  | { type: 'recording'; at: string; url: string; durationSeconds: number }
  | { type: 'dialer_click_to_call'; at: string; number: string; ticketId: string | null; operatorUserId: string | null; queued: boolean }
  | { type: 'dialer_ended'; at: string; answered: boolean }
  /** The missed call's callback task finished (F3); keyed by the missed call, not the callback's own call. */
  | { type: 'callback_finished'; at: string; result: CallbackResult };

const earlier = (a: string, b: string) => (a <= b ? a : b);

/** Folds one fact into the track. Commutative and idempotent for the facts of one call. */
export function foldFact(track: CallTrack, fact: CallFact): CallTrack {
  switch (fact.type) {
    case 'inbound_received':
      return { ...track, seen: true, direction: 'inbound', number: fact.number ?? track.number ?? null };
    case 'outbound_seen':
      return { ...track, seen: true, direction: track.direction ?? 'outbound', number: track.number ?? fact.number };
    case 'answered': {
      if (!fact.operator) return track;
      const op = fact.operator;
      const others = track.answers.filter((a) => a.providerEmployeeId !== op.providerEmployeeId);
      const same = track.answers.find((a) => a.providerEmployeeId === op.providerEmployeeId);
      const answer = { providerEmployeeId: op.providerEmployeeId, userId: op.userId ?? same?.userId ?? null, at: same ? earlier(same.at, fact.at) : fact.at };
      return { ...track, answers: [...others, answer].sort((a, b) => (a.at === b.at ? (a.providerEmployeeId < b.providerEmployeeId ? -1 : 1) : a.at < b.at ? -1 : 1)) };
    }
    case 'ended':
      if (track.ended) return track;
      return {
        ...track, direction: fact.direction,
        ended: { at: fact.at, talkSeconds: fact.talkSeconds, isLost: fact.isLost, ...(fact.operator ? { operator: fact.operator } : {}) },
      };
    case 'recording':
      return track.recording ? track : { ...track, recording: { url: fact.url, durationSeconds: fact.durationSeconds } };
    case 'dialer_click_to_call':
      return {
        ...track, seen: true, direction: 'outbound', number: fact.number,
        origin: {
          ticketId: track.origin?.ticketId ?? fact.ticketId, operatorUserId: track.origin?.operatorUserId ?? fact.operatorUserId,
          queued: (track.origin?.queued ?? false) || fact.queued,
        },
      };
    case 'dialer_ended':
      return track.dialerEnded ? track : { ...track, dialerEnded: { at: fact.at, answered: fact.answered } };
    case 'callback_finished':
      // A call has one callback task, which finishes once: a second report is its redelivery.
      return track.callback ? track : { ...track, callback: fact.result };
  }
}

/** What a settled call does to tickets. `key` makes each step happen once. */
export type SettleStep =
  /** J7/J8: a missed inbound call; assignee = the operator it was last distributed to, when mapped. */
  | { key: string; type: 'missed'; number: string | null; assigneeUserId: string | null }
  /** J10/§15: the conversation already has the operator's ticket: its call ended. */
  | { key: string; type: 'conversation_ended'; operatorUserId: string }
  /** J3: no ticket for this (inbound) conversation: one from the draft, else "Incoming call from …", open. */
  | { key: string; type: 'ended_without_ticket'; operatorUserId: string; number: string | null; draft?: CallDraft }
  /** J4: transferred on by an operator who did nothing: closed "Incoming call from …". */
  | { key: string; type: 'transferred_untouched'; operatorUserId: string; number: string | null }
  /** J6: an answered outbound call with no ticket: closed, assigned to the operator. */
  | { key: string; type: 'outbound_without_ticket'; operatorUserId: string; number: string | null; draft?: CallDraft }
  /** J5/J9/J10: a click-to-call placed from a ticket ended. */
  | { key: string; type: 'callback'; ticketId: string; answered: boolean; operatorUserId: string | null }
  /** F3: the missed call's callback task (the dialer's own) finished: logged on the missed call's ticket. */
  | { key: string; type: 'callback_task'; result: CallbackResult; note: string };

/** Mapped operators who talked on the call, in the order they took it. */
export function conversationOperators(track: CallTrack): string[] {
  const users = track.answers.map((a) => a.userId).filter((u): u is string => u !== null);
  const endOp = track.ended?.operator?.userId;
  if (endOp && (track.ended?.talkSeconds ?? 0) > 0 && !users.includes(endOp)) users.push(endOp);
  if (track.origin?.operatorUserId && !users.includes(track.origin.operatorUserId)) users.unshift(track.origin.operatorUserId);
  return users;
}

/** Whether `userId` is (or was) on the call: the check before an operator acts on it. */
export function isOnCall(track: CallTrack, userId: string): boolean {
  return conversationOperators(track).includes(userId);
}

/** The operator who had the call last: the end fact's operator when it talked, else the last to answer. */
function finalOperator(track: CallTrack, talked: string[]): string | undefined {
  const endOp = track.ended?.operator?.userId;
  if (endOp && talked.includes(endOp)) return endOp;
  return talked[talked.length - 1];
}

/**
 * The steps the call's end asks for, given which conversations already have a ticket
 * (`ticketed`: user ids). Nothing until the call is over and its first fact has arrived;
 * steps in `track.done` are left out.
 */
export function planSettlement(track: CallTrack, ticketed: ReadonlySet<string>): SettleStep[] {
  const steps = rawPlan(track, ticketed);
  return steps.filter((s) => !track.done.includes(s.key));
}

function rawPlan(track: CallTrack, ticketed: ReadonlySet<string>): SettleStep[] {
  if (track.origin && !track.origin.queued) return [];
  if (track.origin?.ticketId) {
    if (!track.dialerEnded) return [];
    return [{ key: 'callback', type: 'callback', ticketId: track.origin.ticketId, answered: track.dialerEnded.answered, operatorUserId: track.origin.operatorUserId }];
  }
  if (track.origin) return outboundPlan(track, ticketed, track.dialerEnded?.answered ?? false, !!track.dialerEnded);
  if (!track.ended || !track.seen) return [];
  if (track.direction === 'outbound') return outboundPlan(track, ticketed, track.ended.talkSeconds > 0, true);
  const talked = conversationOperators(track);
  if (talked.length === 0) {
    // Answered only by operators not mapped to users: ignored for ticketing (G4).
    if (track.answers.length > 0 || track.ended.talkSeconds > 0) return [];
    const missed: SettleStep = { key: 'missed', type: 'missed', number: track.number ?? null, assigneeUserId: track.ended.operator?.userId ?? null };
    // After the missed step, so its ticket exists when the callback's outcome is logged on it.
    return track.callback ? [missed, { key: 'callback_task', type: 'callback_task', result: track.callback, note: callbackNote(track.callback) }] : [missed];
  }
  const last = finalOperator(track, talked);
  return talked.map((user): SettleStep => {
    if (ticketed.has(user)) return { key: `conv:${user}`, type: 'conversation_ended', operatorUserId: user };
    const draft = track.drafts[user];
    if (user === last || hasText(draft)) return { key: `conv:${user}`, type: 'ended_without_ticket', operatorUserId: user, number: track.number ?? null, ...(hasText(draft) ? { draft } : {}) };
    return { key: `conv:${user}`, type: 'transferred_untouched', operatorUserId: user, number: track.number ?? null };
  });
}

function outboundPlan(track: CallTrack, ticketed: ReadonlySet<string>, answered: boolean, ended: boolean): SettleStep[] {
  if (!ended || !answered) return [];
  const talked = conversationOperators(track);
  return talked.map((user): SettleStep => {
    if (ticketed.has(user)) return { key: `conv:${user}`, type: 'conversation_ended', operatorUserId: user };
    const draft = track.drafts[user];
    return { key: `conv:${user}`, type: 'outbound_without_ticket', operatorUserId: user, number: track.number ?? null, ...(hasText(draft) ? { draft } : {}) };
  });
}

/** The line a callback task's outcome leaves on the missed call's ticket (F3). */
export function callbackNote(r: CallbackResult): string {
  const why = r.reason ? ` (${r.reason})` : '';
  switch (r.outcome) {
    case 'succeeded':
      return r.lastCallId ? `Callback answered (call ${r.lastCallId})` : 'Callback answered';
    case 'cancelled':
      return 'Callback cancelled';
    case 'blocked':
      return `Callback blocked${why}`;
    case 'failed':
    case 'exhausted':
      return r.attempts === 0 ? `Callback not dialled${why}` : `Callback not answered after ${r.attempts} ${r.attempts === 1 ? 'attempt' : 'attempts'}${why}`;
  }
}

function hasText(draft: CallDraft | undefined): draft is CallDraft {
  return !!(draft?.subject?.trim() || draft?.summary?.trim());
}

/** Whether the call is over as far as ticketing is concerned (its end was seen). */
export function callEnded(track: CallTrack): boolean {
  return track.origin ? !!track.dialerEnded || !!track.ended : !!track.ended;
}
