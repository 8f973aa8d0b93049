import type { MessageRuleReply } from '@santral/contracts';
import type { MessageRule } from './message-rule';

export function toMessageRuleReply(r: MessageRule): MessageRuleReply {
  return {
    id: r.id,
    name: r.name,
    active: r.active,
    channel: r.channel,
    calledNumbers: r.calledNumbers,
    when: r.when,
    businessHours: r.businessHours.map((w) => ({ start: w.start, end: w.end, ...(w.days ? { days: [...w.days] } : {}) })),
    template: r.template,
    windowHours: r.windowHours,
    callbackAfterMinutes: r.callbackAfterMinutes,
    priority: r.priority,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
