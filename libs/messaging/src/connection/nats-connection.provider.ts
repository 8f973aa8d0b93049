import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { connect } from '@nats-io/transport-node';
import type { ConnectionOptions, NatsConnection } from '@nats-io/nats-core';
import type { NatsClientAuth } from './nats-identity';

export * from './nats-identity';

export interface NatsConnectOptions {
  servers: string | string[];
  /** Shown by `nats server report connections`; use the service name. */
  name?: string;
  connectTimeoutMs?: number;
  /** Reply inboxes of this client: `natsInboxPrefix(service)`, the only ones its user may read. */
  inboxPrefix?: string;
  /** The service's own NATS user and the server's CA; none on a development server without auth. */
  auth?: NatsClientAuth;
}

/** TLS when asked for or when a server URL is `tls://`, with the CA file when one is given. */
function tlsOptions(servers: string | string[], auth: NatsClientAuth | undefined): ConnectionOptions['tls'] {
  const urls = Array.isArray(servers) ? servers : [servers];
  const wanted = auth?.tls === true || !!auth?.tlsCaFile || urls.some((u) => u.trim().startsWith('tls://'));
  if (!wanted) return undefined;
  return auth?.tlsCaFile ? { caFile: auth.tlsCaFile } : {};
}

/** Health check: resolves when the server answers a PING within the timeout. */
export async function natsReady(nc: NatsConnection, timeoutMs = 2000): Promise<void> {
  if (nc.isClosed()) throw new Error('NATS connection is closed');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`NATS did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([nc.flush(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function connectNats(opts: NatsConnectOptions): Promise<NatsConnection> {
  return connect({
    servers: opts.servers,
    name: opts.name,
    timeout: opts.connectTimeoutMs ?? 5000,
    inboxPrefix: opts.inboxPrefix,
    user: opts.auth?.user || undefined,
    pass: opts.auth?.pass || undefined,
    tls: tlsOptions(opts.servers, opts.auth),
    // Reconnect forever: a NATS restart must never take a service down (publishers buffer).
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    pingInterval: 10_000,
    // Capturing a stack per request costs ~8 % CPU at relay rates; errors still say what failed.
    noAsyncTraces: true,
  });
}

/**
 * Owns the one NATS connection of a process. Drained on application shutdown, after
 * the event consumers stopped (they stop in `beforeApplicationShutdown`).
 */
export class NatsConnectionProvider implements OnApplicationShutdown {
  private readonly logger = new Logger('NatsConnection');

  constructor(readonly connection: NatsConnection) {
    void this.logStatus();
  }

  static async connect(opts: NatsConnectOptions): Promise<NatsConnectionProvider> {
    return new NatsConnectionProvider(await connectNats(opts));
  }

  natsReady(timeoutMs = 2000): Promise<void> {
    return natsReady(this.connection, timeoutMs);
  }

  async close(): Promise<void> {
    if (this.connection.isClosed()) return;
    try {
      await this.connection.drain();
    } catch {
      await this.connection.close().catch(() => undefined);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private async logStatus(): Promise<void> {
    for await (const s of this.connection.status()) {
      if (s.type === 'disconnect') this.logger.warn(`disconnected from ${s.server}`);
      else if (s.type === 'reconnect') this.logger.log(`reconnected to ${s.server}`);
      else if (s.type === 'error') this.logger.error(`NATS error: ${String(s.error)}`);
    }
  }
}
