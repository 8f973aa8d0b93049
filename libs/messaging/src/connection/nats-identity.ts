/**
 * How a service shows itself to NATS. Every service has its own NATS user, and its reply
 * inboxes live under `_INBOX.<service>.>`: the server lets a user subscribe to its own inboxes
 * only, so one service never sees the replies (RPC answers, JetStream deliveries) of another.
 * scripts/nats-config.ts writes the server's permissions with the same convention.
 */
export function natsInboxPrefix(service: string): string {
  return `_INBOX.${service}`;
}

/** Credentials and TLS of one NATS client (CommonConfig: NATS_USER, NATS_PASSWORD, NATS_TLS_CA). */
export interface NatsClientAuth {
  user?: string;
  pass?: string;
  /** PEM file of the CA that signed the server's certificate; set with `tls://` servers. */
  tlsCaFile?: string;
  /** Force TLS even when the URLs say `nats://`. */
  tls?: boolean;
}
