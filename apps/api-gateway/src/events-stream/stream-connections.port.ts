/** Port: the open event streams of this replica, counted per organization (EVENTS_STREAM_MAX_CONNECTIONS_PER_ORG). */
export abstract class StreamConnectionsPort {
  /** Takes one of the organization's places on this replica; false when all are taken. */
  abstract tryReserve(organizationId: string): boolean;
  abstract release(organizationId: string): void;
}
