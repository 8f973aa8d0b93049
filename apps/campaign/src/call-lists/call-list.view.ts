import type { CallListReply, ContactReply } from '@santral/contracts';
import type { CallList, Contact } from './call-list';

export const toCallListReply = (l: CallList): CallListReply => ({ id: l.id, name: l.name, country: l.country, contactCount: l.contactCount, createdAt: l.createdAt.toISOString() });

export const toContactReply = (c: Contact): ContactReply => ({
  id: c.id, phone: c.phone, name: c.name, timeZone: c.timeZone, variables: c.variables, onDnc: c.onDnc, line: c.line, createdAt: c.createdAt.toISOString(),
});
