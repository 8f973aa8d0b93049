import { Client, ClientConfig } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

/** Connection settings of a TypeORM Postgres data source, for a dedicated LISTEN client. */
export function pgClientConfig(ds: DataSource): ClientConfig {
  const o = ds.options as PostgresConnectionOptions;
  return {
    connectionString: o.url,
    host: o.host,
    port: o.port,
    user: o.username,
    password: typeof o.password === 'string' ? o.password : undefined,
    database: o.database,
    application_name: 'santral-outbox-listener',
  };
}

/**
 * LISTENs on one channel on its own connection and calls `onNotify(payload)`.
 * Reconnects after errors; while it is down the relay still polls.
 */
export class PgNotifyListener {
  private client: Client | undefined;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly onNotify: (payload: string | undefined) => void,
    private readonly onError: (err: Error) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect().catch((err: Error) => this.scheduleReconnect(err));
  }

  private async connect(): Promise<void> {
    const client = new Client(this.config);
    client.on('notification', (n) => {
      if (n.channel === this.channel) this.onNotify(n.payload);
    });
    client.on('error', (err) => this.scheduleReconnect(err));
    await client.connect();
    await client.query(`LISTEN "${this.channel}"`);
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
  }

  private scheduleReconnect(err: Error): void {
    this.onError(err);
    const old = this.client;
    this.client = undefined;
    void old?.end().catch(() => undefined);
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.stopped) void this.connect().catch((e: Error) => this.scheduleReconnect(e));
    }, 1000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => undefined);
  }
}
