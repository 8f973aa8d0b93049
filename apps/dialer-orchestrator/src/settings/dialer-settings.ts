import type { OrganizationSnapshotV1 } from '@santral/contracts';

/** What the dialer keeps of an organization: its capacity (A2, E2) and how its numbers are read (B1). */
export interface DialerOrganizationSettings {
  concurrentSlots: number;
  reservedInboundSlots: number;
  callsPerHour: number;
  /** Absent in settings stored before the dialer kept it: then only international numbers are read. */
  defaultCountry?: string;
  /** The organization's zone: a contact's when neither the list nor the number tells (D1). */
  timeZone?: string;
}

export function pickDialerSettings(snapshot: OrganizationSnapshotV1): DialerOrganizationSettings {
  return {
    concurrentSlots: snapshot.limits.concurrentSlots,
    reservedInboundSlots: snapshot.limits.reservedInboundSlots ?? 0,
    callsPerHour: snapshot.limits.callsPerHour,
    defaultCountry: snapshot.defaultCountry,
    timeZone: snapshot.timeZone,
  };
}
