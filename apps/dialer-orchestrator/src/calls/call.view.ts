import { CALL_END_REASONS, type CallEndReason, type CallReply, type CallTransitionReply } from '@santral/contracts';
import type { CallTransition, CallView } from './call-views.repository';

/** A refusal at dispatch may name a code the end-reason taxonomy does not (no_calling_window): it is kept as the message. */
function endReasonOf(v: CallView): CallReply['endReason'] {
  if (!v.endReason) return undefined;
  if ((CALL_END_REASONS as readonly string[]).includes(v.endReason.reason)) return v.endReason;
  return { ...v.endReason, reason: 'provider_error' as CallEndReason, message: v.endReason.message ?? v.endReason.reason };
}

export function toCallReply(v: CallView): CallReply {
  const opt = <T>(value: T | null, key: string) => (value === null || value === undefined ? {} : { [key]: value });
  return {
    callId: v.callId, kind: v.kind, state: v.state, attempt: v.attempt, to: v.to,
    ...opt(v.from, 'from'), ...opt(v.campaignId, 'campaignId'), ...opt(v.taskId, 'taskId'), ...opt(v.agentId, 'agentId'),
    ...opt(v.operatorUserId, 'operatorUserId'), ...opt(v.providerAccountId, 'providerAccountId'), ...opt(v.providerCallId, 'providerCallId'),
    ...opt(endReasonOf(v) ?? null, 'endReason'),
    ...opt(v.talkSeconds, 'talkSeconds'), ...opt(v.waitSeconds, 'waitSeconds'), ...opt(v.totalSeconds, 'totalSeconds'), ...opt(v.forwardedSeconds, 'forwardedSeconds'),
    createdAt: v.createdAt.toISOString(),
    ...opt(v.endedAt?.toISOString() ?? null, 'endedAt'),
  } as CallReply;
}

export function toTransitionReply(t: CallTransition): CallTransitionReply {
  return { ...(t.from ? { from: t.from } : {}), to: t.to, cause: t.cause, at: t.at.toISOString() };
}
