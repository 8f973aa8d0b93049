import { FakeClock } from '@santral/testing';
import { OpenEventStreamUseCase } from './open-event-stream.use-case';
import { StreamConnectionsPort } from './stream-connections.port';
import { StreamTokenCodec, streamTokenKey } from './stream-token';

const ORG = '0190ffff-0000-7000-8000-00000000000a';

class CountingConnections extends StreamConnectionsPort {
  readonly open = new Map<string, number>();
  constructor(private readonly limit: number) {
    super();
  }
  tryReserve(org: string): boolean {
    const n = this.open.get(org) ?? 0;
    if (n >= this.limit) return false;
    this.open.set(org, n + 1);
    return true;
  }
  release(org: string): void {
    this.open.set(org, (this.open.get(org) ?? 0) - 1);
  }
}

function setup(limit = 2) {
  const clock = new FakeClock();
  const codec = new StreamTokenCodec(streamTokenKey('admin-key-0123456789abcdef', undefined));
  const connections = new CountingConnections(limit);
  const token = codec.sign({ organizationId: ORG, userId: null, screenPops: 'all', expiresAt: new Date(clock.now().getTime() + 60_000) });
  return { clock, connections, token, useCase: new OpenEventStreamUseCase(codec, connections, clock) };
}

describe('OpenEventStreamUseCase', () => {
  it.each<[string, string | string[] | undefined, string | undefined, number | null]>([
    ['no resume point: live only', undefined, undefined, null],
    ['an empty header', '', undefined, null],
    ['the header', '42', undefined, 42],
    ['the query', undefined, '7', 7],
    ['the header over the query', '42', '7', 42],
    ['zero', '0', undefined, 0],
    ['the first of repeated headers', ['5', '9'], undefined, 5],
  ])('resumes from %s', (_name, header, query, expected) => {
    const { useCase, token } = setup();
    expect(useCase.execute({ token, lastEventIdHeader: header, lastEventIdQuery: query }).resumeAfter).toBe(expected);
  });

  it.each(['abc', '-1', '1.5', '01', '1e3', '99999999999999999'])('is STREAM_RESUME_INVALID for Last-Event-ID %p, holding no place', (raw) => {
    const { useCase, token, connections } = setup();
    expect(() => useCase.execute({ token, lastEventIdHeader: raw, lastEventIdQuery: undefined })).toThrow(expect.objectContaining({ code: 'STREAM_RESUME_INVALID' }));
    expect(connections.open.get(ORG) ?? 0).toBe(0);
  });

  it('refuses a bad token before taking a place', () => {
    const { useCase, connections } = setup();
    expect(() => useCase.execute({ token: 'est_x.y', lastEventIdHeader: undefined, lastEventIdQuery: undefined })).toThrow(expect.objectContaining({ code: 'STREAM_TOKEN_INVALID' }));
    expect(connections.open.size).toBe(0);
  });

  it('is STREAM_CONNECTION_LIMIT past the limit; a release (once, however often called) frees one place', () => {
    const { useCase, token, connections } = setup(2);
    const input = { token, lastEventIdHeader: undefined, lastEventIdQuery: undefined };
    const first = useCase.execute(input);
    useCase.execute(input);
    expect(() => useCase.execute(input)).toThrow(expect.objectContaining({ code: 'STREAM_CONNECTION_LIMIT' }));
    first.release();
    first.release();
    expect(connections.open.get(ORG)).toBe(1);
    expect(useCase.execute(input).grant.organizationId).toBe(ORG);
  });
});
