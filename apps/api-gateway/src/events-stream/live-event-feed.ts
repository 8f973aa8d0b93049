import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DeliverPolicy, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { withoutPrefix } from '@santral/contracts';
import type { StreamConnectionsPort } from './stream-connections.port';
import { STREAMED_TYPES, type StreamedEvent } from './stream-audience';
import type { SseConnection } from './sse-connection';

export interface LiveEventFeedOptions {
  /** The events stream (SANTRAL_EVENTS, or a test's own). */
  stream: string;
  subjectPrefix: string | undefined;
  maxConnectionsPerOrg: number;
  /** Stream messages one resume reads at most. */
  resumeMaxMessages: number;
  /** The NATS connection's status (`nc.status()`): after a reconnect the live feed reads on from where it was. */
  connectionStatus?: AsyncIterable<{ type: string }>;
}

const STREAMED = new Set(STREAMED_TYPES);

/**
 * A name of its own for every ordered consumer (the client only appends a serial): two replicas, or
 * two resumes, under one name would share a consumer and split its messages between them.
 */
function consumerPrefix(role: 'live' | 'resume'): string {
  return `api-gateway_${role}_${randomBytes(8).toString('hex')}`;
}

const decoder = new TextDecoder();
/** A resume that receives nothing this long has read all there is. */
const REPLAY_IDLE_MS = 5000;

/**
 * This replica's view of the events stream: one ordered consumer (no shared queue group, so every
 * replica sees every event) feeds the connections open here, by organization. nats-server 2.9 takes
 * one filter subject per consumer, so it reads the whole stream and keeps the streamed types in
 * process, by the subject before any JSON is parsed. A resume (Last-Event-ID) reads the stream back
 * from that sequence with an ordered consumer of its own while live events wait in the
 * connection's backlog; the connection drops what it already sent.
 */
export class LiveEventFeed implements StreamConnectionsPort {
  private readonly logger = new Logger('LiveEventFeed');
  private readonly byOrg = new Map<string, Set<SseConnection>>();
  private readonly reserved = new Map<string, number>();
  private live: ConsumerMessages | undefined;
  private ready: Promise<void> | undefined;
  private stopped = false;
  private watching = false;
  /** Stream sequence of the last message the live feed handed out (of any type or organization). */
  private position = 0;

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: () => Promise<JetStreamManager>,
    private readonly options: LiveEventFeedOptions,
  ) {}

  /** Starts reading new events; connections attached before it is ready wait for it. */
  start(): Promise<void> {
    this.ready ??= this.startLive().catch((err: unknown) => {
      this.ready = undefined; // the next connection tries again (the stream may not exist yet at boot)
      throw err;
    });
    return this.ready;
  }

  tryReserve(organizationId: string): boolean {
    const n = this.reserved.get(organizationId) ?? 0;
    if (n >= this.options.maxConnectionsPerOrg) return false;
    this.reserved.set(organizationId, n + 1);
    return true;
  }

  release(organizationId: string): void {
    const n = (this.reserved.get(organizationId) ?? 1) - 1;
    if (n <= 0) this.reserved.delete(organizationId);
    else this.reserved.set(organizationId, n);
  }

  /** Open connections of an organization on this replica. */
  openCount(organizationId: string): number {
    return this.byOrg.get(organizationId)?.size ?? 0;
  }

  /** Serves `conn` from now on; with `resumeAfter`, first everything of its organization after that sequence. */
  async attach(conn: SseConnection, resumeAfter: number | null): Promise<void> {
    await this.start();
    if (this.stopped) return conn.close('shutdown');
    if (conn.isClosed) return; // the client left while the feed started: nothing to register
    const org = conn.audience.organizationId;
    let set = this.byOrg.get(org);
    if (!set) this.byOrg.set(org, (set = new Set()));
    set.add(conn);
    conn.onClose(() => {
      set.delete(conn);
      if (set.size === 0 && this.byOrg.get(org) === set) this.byOrg.delete(org);
    });
    conn.followPosition(() => this.position);
    if (resumeAfter === null) return conn.goLiveNow();
    try {
      await this.replay(conn, resumeAfter);
      conn.goLive();
    } catch (err) {
      this.logger.warn(`resume after ${resumeAfter} failed: ${String(err)}`);
      conn.close('error');
    }
  }

  /** Ends every connection (shutdown) and stops reading. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const set of this.byOrg.values()) for (const conn of [...set]) conn.close('shutdown');
    this.byOrg.clear();
    await this.live?.close().catch(() => undefined);
  }

  private async startLive(): Promise<void> {
    // From an explicit sequence, not "new": where it starts is fixed before any connection attaches,
    // so a resume that reads up to the stream's last sequence meets the live feed without a gap.
    const { state } = await (await this.jsm()).streams.info(this.options.stream);
    await this.readFrom(state.last_seq + 1);
    if (this.options.connectionStatus && !this.watching) {
      this.watching = true;
      void this.followReconnects(this.options.connectionStatus);
    }
  }

  /** A new ordered consumer from stream sequence `from` becomes the live feed (the one before it is closed). */
  private async readFrom(from: number): Promise<void> {
    const consumer = await this.js.consumers.get(this.options.stream, { name_prefix: consumerPrefix('live'), deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from });
    const messages = await consumer.consume({ max_messages: 512 });
    const previous = this.live;
    this.live = messages;
    this.position = Math.max(this.position, from - 1);
    await previous?.close().catch(() => undefined);
    void (async () => {
      for await (const msg of messages) {
        if (this.live !== messages) break;
        if (msg.seq <= this.position) continue; // handed out already (by the feed it replaced)
        this.dispatch(msg);
        this.position = msg.seq;
      }
    })()
      .catch((err: unknown) => this.logger.error(`live feed failed: ${String(err)}`))
      .finally(() => this.feedEnded(messages));
  }

  /**
   * Found by the chaos suite: after a NATS server restart the ordered consumer (which lives only in
   * the server's memory) was not recreated, and every open stream went silent with its heartbeats
   * still flowing. After each reconnect the feed reads anew from the sequence after the last one it
   * handed out, so its connections lose nothing; a read that fails (JetStream not back yet) is tried
   * again.
   */
  private async followReconnects(status: AsyncIterable<{ type: string }>): Promise<void> {
    for await (const s of status) {
      if (this.stopped) return;
      if (s.type !== 'reconnect' || !this.live) continue;
      for (let attempt = 1; !this.stopped; attempt++) {
        try {
          await this.readFrom(this.position + 1);
          this.logger.log(`live feed reads on from ${this.position + 1} after a reconnect`);
          break;
        } catch (err) {
          if (attempt % 10 === 1) this.logger.warn(`live feed cannot read on after a reconnect (${String(err)}); retrying`);
          await new Promise((r) => setTimeout(r, Math.min(2000, 100 * attempt)));
        }
      }
    }
  }

  /**
   * The ordered consumer recovers from reconnects by itself; if it still ends, the connections are
   * closed (their clients reconnect with Last-Event-ID and lose nothing) and the next one restarts it.
   */
  private feedEnded(messages: ConsumerMessages): void {
    if (this.stopped || this.live !== messages) return;
    this.logger.error('live feed ended; closing its streams so their clients resume');
    this.live = undefined;
    this.ready = undefined;
    for (const set of this.byOrg.values()) for (const conn of [...set]) conn.close('error');
  }

  private dispatch(msg: JsMsg): void {
    if (this.byOrg.size === 0) return;
    const event = this.eventOf(msg);
    const set = event?.orgid ? this.byOrg.get(event.orgid) : undefined;
    if (set) for (const conn of set) conn.offer(event!);
  }

  /** The event of a message, or undefined when the live stream does not carry its type. */
  private eventOf(msg: JsMsg): StreamedEvent | undefined {
    const type = withoutPrefix(this.options.subjectPrefix, msg.subject);
    if (!STREAMED.has(type)) return undefined;
    try {
      const envelope = JSON.parse(decoder.decode(msg.data)) as { id?: unknown; orgid?: unknown; data?: unknown };
      const eventId = typeof envelope.id === 'string' ? envelope.id : undefined;
      return { seq: msg.seq, eventId, type, orgid: typeof envelope.orgid === 'string' ? envelope.orgid : null, data: envelope.data };
    } catch {
      return undefined;
    }
  }

  private async replay(conn: SseConnection, resumeAfter: number): Promise<void> {
    const { state } = await (await this.jsm()).streams.info(this.options.stream);
    const last = state.last_seq;
    let from = resumeAfter + 1;
    if (resumeAfter > last) {
      conn.gap({ requestedAfter: resumeAfter, resumedAfter: last, reason: 'unknown' });
      return conn.resumeAfter(last);
    }
    if (from < state.first_seq) {
      from = state.first_seq;
      conn.gap({ requestedAfter: resumeAfter, resumedAfter: from - 1, reason: 'retention' });
    }
    if (last - from + 1 > this.options.resumeMaxMessages) {
      from = last - this.options.resumeMaxMessages + 1;
      conn.gap({ requestedAfter: resumeAfter, resumedAfter: from - 1, reason: 'window' });
    }
    conn.resumeAfter(from - 1);
    if (from > last || state.messages === 0) return;
    const consumer = await this.js.consumers.get(this.options.stream, { name_prefix: consumerPrefix('resume'), deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from });
    const messages = await consumer.consume({ max_messages: 512 });
    // Nothing left to read between `from` and `last` (messages deleted from the stream) must not hold the resume forever.
    let idle = setTimeout(() => void messages.stop(), REPLAY_IDLE_MS);
    try {
      for await (const msg of messages) {
        clearTimeout(idle);
        if (conn.isClosed) break;
        const event = this.eventOf(msg);
        if (event) conn.replayed(event);
        if (msg.seq >= last || msg.info.pending === 0) break;
        idle = setTimeout(() => void messages.stop(), REPLAY_IDLE_MS);
      }
    } finally {
      clearTimeout(idle);
      await messages.close().catch(() => undefined);
      await consumer.delete().catch(() => undefined);
    }
  }
}
