import { Injectable } from '@nestjs/common';
import { DomainError } from '@santral/contracts';
import { Clock } from '@santral/service-kit';
import { StreamConnectionsPort } from './stream-connections.port';
import { StreamTokenCodec, type StreamGrant } from './stream-token';

export interface OpenEventStreamInput {
  token: string | undefined;
  /** The `Last-Event-ID` header (EventSource sends it on reconnect). */
  lastEventIdHeader: string | string[] | undefined;
  /** `?lastEventId=`, for polyfills and for a fresh token after the old one expired; the header wins. */
  lastEventIdQuery: string | undefined;
}

export interface OpenedEventStream {
  grant: StreamGrant;
  /** Replay the organization's events after this stream sequence; null: live only. */
  resumeAfter: number | null;
  /** Gives the connection's place back (call once, when it closes). */
  release(): void;
}

const SEQUENCE = /^(0|[1-9][0-9]{0,15})$/;

/** Checks a stream token and the resume point, and takes one of the organization's connection places. */
@Injectable()
export class OpenEventStreamUseCase {
  constructor(
    private readonly codec: StreamTokenCodec,
    private readonly connections: StreamConnectionsPort,
    private readonly clock: Clock,
  ) {}

  execute(input: OpenEventStreamInput): OpenedEventStream {
    const grant = this.codec.verify(input.token, this.clock.now());
    const resumeAfter = resumePoint(input.lastEventIdHeader, input.lastEventIdQuery);
    const org = grant.organizationId;
    if (!this.connections.tryReserve(org)) {
      throw new DomainError('STREAM_CONNECTION_LIMIT', 'The organization has as many event streams open as it may; close one or retry later');
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.connections.release(org);
    };
    return { grant, resumeAfter, release };
  }
}

function resumePoint(header: string | string[] | undefined, query: string | undefined): number | null {
  const raw = (Array.isArray(header) ? header[0] : header) ?? query;
  if (raw === undefined || raw.trim() === '') return null;
  const value = raw.trim();
  if (!SEQUENCE.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new DomainError('STREAM_RESUME_INVALID', 'Last-Event-ID must be the id of an event of this stream (a non-negative integer)');
  }
  return Number(value);
}
