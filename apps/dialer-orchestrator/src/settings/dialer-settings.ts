import type { OrganizationSnapshotV1 } from '@santral/contracts';

/** What the dialer keeps of an organization: its capacity (A2, E2). */
export interface DialerOrganizationSettings {
  concurrentSlots: number;
  reservedInboundSlots: number;
  callsPerHour: number;
}

export function pickDialerSettings(snapshot: OrganizationSnapshotV1): DialerOrganizationSettings {
  return {
    concurrentSlots: snapshot.limits.concurrentSlots,
    reservedInboundSlots: snapshot.limits.reservedInboundSlots ?? 0,
    callsPerHour: snapshot.limits.callsPerHour,
  };
}
