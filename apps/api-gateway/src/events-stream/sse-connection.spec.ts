import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { TicketingSubjects } from '@santral/contracts';
import { SseConnection } from './sse-connection';
import type { StreamedEvent } from './stream-audience';

const ORG = 'org-a';

/** Enough of a ServerResponse: what was written, and a writable buffer the test can fill. */
class FakeResponse extends EventEmitter {
  chunks: string[] = [];
  writableLength = 0;
  ended = false;
  destroyed = false;
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }
  end(): void {
    this.ended = true;
    this.emit('close');
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('close');
  }
  ids(): number[] {
    return this.chunks.flatMap((c) => [...c.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1])));
  }
}

const event = (seq: number, orgid = ORG): StreamedEvent => ({ seq, type: TicketingSubjects.TicketCreated, orgid, data: { n: seq } });

function setup(maxBufferedBytes = 1_000_000) {
  const res = new FakeResponse();
  const conn = new SseConnection(res as unknown as ServerResponse, { organizationId: ORG, userId: null, screenPops: 'all' }, { heartbeatMs: 60_000, maxBufferedBytes });
  const closes: string[] = [];
  conn.onClose((reason) => closes.push(reason));
  return { res, conn, closes };
}

describe('SseConnection', () => {
  it('sends live events in order, once each, and only its organization\'s', () => {
    const { res, conn } = setup();
    conn.goLiveNow();
    for (const e of [event(1), event(2), event(2), event(1), event(3, 'org-b'), event(4)]) conn.offer(e);
    expect(res.ids()).toEqual([1, 2, 4]);
  });

  it('holds live events during a resume and sends them after the replay without what the replay sent', () => {
    const { res, conn } = setup();
    conn.resumeAfter(10);
    conn.offer(event(13));
    conn.offer(event(14));
    for (const seq of [9, 10, 11, 12, 13]) conn.replayed(event(seq));
    expect(res.ids()).toEqual([11, 12, 13]);
    conn.goLive();
    conn.offer(event(15));
    expect(res.ids()).toEqual([11, 12, 13, 14, 15]);
  });

  it('drops a client that does not read: the socket buffer over the bound', () => {
    const { res, conn, closes } = setup(4096);
    conn.goLiveNow();
    conn.offer(event(1));
    res.writableLength = 5000;
    conn.offer(event(2));
    expect({ destroyed: res.destroyed, closes, closed: conn.isClosed }).toEqual({ destroyed: true, closes: ['slow'], closed: true });
    conn.offer(event(3));
    expect(res.ids()).toEqual([1, 2]);
  });

  it('drops a client whose resume backlog outgrows the bound', () => {
    const { res, conn, closes } = setup(4096);
    conn.resumeAfter(0);
    for (let seq = 1; seq <= 100; seq++) conn.offer({ ...event(seq), data: { pad: 'x'.repeat(100) } });
    expect(res.destroyed).toBe(true);
    expect(closes).toEqual(['slow']);
  });

  it('reports the client going away once, and stops its heartbeat', () => {
    jest.useFakeTimers();
    try {
      const res = new FakeResponse();
      const conn = new SseConnection(res as unknown as ServerResponse, { organizationId: ORG, userId: null, screenPops: 'all' }, { heartbeatMs: 1000, maxBufferedBytes: 1_000_000 });
      const closes: string[] = [];
      conn.onClose((r) => closes.push(r));
      jest.advanceTimersByTime(2500);
      expect(res.chunks.filter((c) => c === ': heartbeat\n\n')).toHaveLength(2);
      res.emit('close');
      res.emit('close');
      jest.advanceTimersByTime(5000);
      expect(res.chunks.filter((c) => c === ': heartbeat\n\n')).toHaveLength(2);
      expect(closes).toEqual(['client']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('moves a live stream\'s id on to the feed\'s position at a heartbeat, and not while a resume replays', () => {
    jest.useFakeTimers();
    try {
      const res = new FakeResponse();
      const conn = new SseConnection(res as unknown as ServerResponse, { organizationId: ORG, userId: null, screenPops: 'all' }, { heartbeatMs: 1000, maxBufferedBytes: 1_000_000 });
      let position = 50;
      conn.followPosition(() => position);
      conn.resumeAfter(10);
      jest.advanceTimersByTime(1000);
      expect(res.chunks).toEqual([': heartbeat\n\n']);
      conn.goLive();
      jest.advanceTimersByTime(1000);
      expect(res.chunks[1]).toBe(': heartbeat\nid: 50\nevent: position\ndata: {"seq":50}\n\n');
      // Events at or below the position were either sent or not this stream's: nothing below it goes out.
      conn.offer(event(49));
      jest.advanceTimersByTime(1000);
      expect(res.chunks[2]).toBe(': heartbeat\n\n');
      position = 60;
      conn.offer(event(55));
      jest.advanceTimersByTime(1000);
      expect(res.ids()).toEqual([50, 55, 60]);
      conn.close('shutdown');
    } finally {
      jest.useRealTimers();
    }
  });

  it('sends an event re-published under a new sequence (same envelope id) once', () => {
    const { res, conn } = setup();
    conn.goLiveNow();
    conn.offer({ ...event(1), eventId: 'e1' });
    conn.offer({ ...event(2), eventId: 'e2' });
    conn.offer({ ...event(3), eventId: 'e1' });
    conn.offer({ ...event(4), eventId: 'e3' });
    expect(res.ids()).toEqual([1, 2, 4]);
  });

  it('writes a gap event', () => {
    const { res, conn } = setup();
    conn.gap({ requestedAfter: 5, resumedAfter: 20, reason: 'retention' });
    expect(res.chunks).toEqual(['event: gap\ndata: {"requestedAfter":5,"resumedAfter":20,"reason":"retention"}\n\n']);
  });
});
