import type { DncEntryReply } from '@santral/contracts';
import type { DncEntry } from './dnc.store';

export function toDncEntryReply(entry: DncEntry): DncEntryReply {
  return { id: entry.id, number: entry.number, reason: entry.reason, createdAt: entry.createdAt.toISOString() };
}
