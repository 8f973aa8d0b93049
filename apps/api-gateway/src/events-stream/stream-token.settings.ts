/** The stream settings the use cases read (from GatewayConfig's EVENTS_STREAM_*). */
export abstract class StreamTokenSettings {
  abstract readonly ttlSeconds: number;
}
