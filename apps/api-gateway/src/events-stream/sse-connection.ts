import type { ServerResponse } from 'node:http';
import { isFor, sseFrame, type StreamAudience, type StreamedEvent } from './stream-audience';

export interface SseConnectionOptions {
  heartbeatMs: number;
  /** Socket buffer plus resume backlog; past it the client is too slow and is dropped. */
  maxBufferedBytes: number;
}

/** How many recent envelope ids a connection remembers to drop a re-published event. */
const RECENT_IDS = 1024;

export type CloseReason = 'client' | 'slow' | 'shutdown' | 'error';

/**
 * One open event stream. While a resume replays it keeps live events in a bounded backlog; every
 * event is sent once, in stream order (an id at or below the last one sent is dropped), so replay
 * and live can overlap without a duplicate.
 */
export class SseConnection {
  private lastSeq = 0;
  private live = false;
  private closed = false;
  private backlog: StreamedEvent[] = [];
  private backlogBytes = 0;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly closeHandlers: Array<(reason: CloseReason) => void> = [];
  private feedPosition: (() => number) | undefined;
  /** Envelope ids of the last RECENT_IDS events sent, oldest first in insertion order. */
  private readonly recentIds = new Set<string>();

  constructor(
    private readonly res: ServerResponse,
    readonly audience: StreamAudience,
    private readonly options: SseConnectionOptions,
  ) {
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs);
    this.heartbeat.unref();
    res.on('close', () => this.finish('client'));
    res.on('error', () => this.finish('error'));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  onClose(handler: (reason: CloseReason) => void): void {
    this.closeHandlers.push(handler);
  }

  /** Starts the stream; `retryMs` tells EventSource how long to wait before reconnecting. */
  open(retryMs: number): void {
    this.write(`retry: ${retryMs}\n: connected\n\n`);
  }

  /**
   * Where this replica's feed has read up to. A live connection has been sent everything of its own
   * up to there, so a heartbeat moves its id on with a `position` event: a quiet organization's
   * stream then resumes from a recent id instead of replaying everyone else's events since its last one.
   */
  followPosition(position: () => number): void {
    this.feedPosition = position;
  }

  /** No resume: events go out as they come. */
  goLiveNow(): void {
    this.live = true;
  }

  /** A live event from this replica's feed. */
  offer(event: StreamedEvent): void {
    if (this.closed || !isFor(this.audience, event)) return;
    if (this.live) return this.send(event);
    this.backlog.push(event);
    this.backlogBytes += estimateBytes(event);
    this.dropIfSlow();
  }

  /** An event read back from the stream for a resume. */
  replayed(event: StreamedEvent): void {
    if (!this.closed && isFor(this.audience, event)) this.send(event);
  }

  /** The resume could not go back as far as asked: the client should reload what it shows. */
  gap(info: { requestedAfter: number; resumedAfter: number; reason: 'retention' | 'window' | 'unknown' }): void {
    this.write(`event: gap\ndata: ${JSON.stringify(info)}\n\n`);
  }

  /** The client has everything up to `seq` (its Last-Event-ID, or where a gap resumes): nothing at or below it is sent. */
  resumeAfter(seq: number): void {
    this.lastSeq = seq;
  }

  /** The replay is done: the backlog goes out (without what the replay sent), then live events. */
  goLive(): void {
    const backlog = this.backlog;
    this.backlog = [];
    this.backlogBytes = 0;
    for (const event of backlog) this.send(event);
    this.live = true;
  }

  close(reason: CloseReason): void {
    if (this.closed) return;
    this.finish(reason); // first: ending the response emits 'close', which would report it as the client's
    if (reason === 'slow') this.res.destroy();
    else this.res.end();
  }

  private beat(): void {
    const at = this.live ? (this.feedPosition?.() ?? 0) : 0;
    if (at > this.lastSeq) {
      this.lastSeq = at;
      // An id-only frame would do by the SSE spec, but some clients (the npm eventsource parser) skip frames without data.
      this.write(`: heartbeat\nid: ${at}\nevent: position\ndata: {"seq":${at}}\n\n`);
    } else {
      this.write(': heartbeat\n\n');
    }
  }

  private send(event: StreamedEvent): void {
    if (event.seq <= this.lastSeq) return;
    this.lastSeq = event.seq;
    if (event.eventId !== undefined) {
      if (this.recentIds.has(event.eventId)) return; // re-published by an outbox relay after the stream's duplicate window
      this.recentIds.add(event.eventId);
      if (this.recentIds.size > RECENT_IDS) this.recentIds.delete(this.recentIds.values().next().value as string);
    }
    this.write(sseFrame(event));
  }

  private write(chunk: string): void {
    if (this.closed) return;
    this.res.write(chunk);
    this.dropIfSlow();
  }

  private dropIfSlow(): void {
    if (this.res.writableLength + this.backlogBytes > this.options.maxBufferedBytes) this.close('slow');
  }

  private finish(reason: CloseReason): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.backlog = [];
    this.backlogBytes = 0;
    for (const handler of this.closeHandlers) handler(reason);
  }
}

/** What an event will take once framed, near enough to bound the backlog. */
function estimateBytes(event: StreamedEvent): number {
  return 64 + event.type.length + JSON.stringify(event.data ?? null).length;
}
