import type { HotlineReply } from '@santral/contracts';
import type { Hotline } from './hotline';

export function toHotlineReply(h: Hotline): HotlineReply {
  return {
    id: h.id,
    number: h.number,
    label: h.label,
    outboundAllowed: h.outboundAllowed,
    allowedGroups: h.allowedGroups,
    createdAt: h.createdAt.toISOString(),
    updatedAt: h.updatedAt.toISOString(),
  };
}
