import { DiscardPolicy, JetStreamApiError, JetStreamManager, RetentionPolicy, StorageType, StreamConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { deadLetterPrefix, deadLetterStreamName, DEFAULTS, EventBusOptions, eventStreamCaptures, eventStreamName } from './event-bus.options';

function isNotFound(err: unknown): boolean {
  return err instanceof JetStreamApiError && err.status === 404;
}

/**
 * Creates the stream or updates the settings we own. Subjects are merged, never
 * removed: several services ensure the same stream, each with what it knows.
 */
async function ensureStream(jsm: JetStreamManager, want: Partial<StreamConfig> & { name: string; subjects: string[] }): Promise<void> {
  let current: StreamConfig;
  try {
    current = (await jsm.streams.info(want.name)).config;
  } catch (err) {
    if (!isNotFound(err)) throw err;
    try {
      await jsm.streams.add(want);
      return;
    } catch (addErr) {
      // Another replica created it meanwhile: fall through to compare and update.
      current = (await jsm.streams.info(want.name)).config;
      if (!current) throw addErr;
    }
  }
  const subjects = [...new Set([...current.subjects, ...want.subjects])];
  const changed =
    subjects.length !== current.subjects.length ||
    current.duplicate_window !== want.duplicate_window ||
    current.max_age !== want.max_age ||
    current.max_bytes !== want.max_bytes ||
    (want.num_replicas !== undefined && current.num_replicas !== want.num_replicas);
  if (changed) await jsm.streams.update(want.name, { ...current, ...want, subjects });
}

export function eventStreamConfig(opts: EventBusOptions): Partial<StreamConfig> & { name: string; subjects: string[] } {
  const s = opts.stream ?? {};
  const maxAgeMs = s.maxAgeMs ?? DEFAULTS.maxAgeMs;
  return {
    name: eventStreamName(opts),
    subjects: eventStreamCaptures(opts),
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: nanos(maxAgeMs),
    max_bytes: s.maxBytes ?? DEFAULTS.maxBytes,
    duplicate_window: nanos(Math.min(s.duplicateWindowMs ?? DEFAULTS.duplicateWindowMs, maxAgeMs)),
    num_replicas: s.replicas ?? 1,
  };
}

export async function ensureEventStreams(jsm: JetStreamManager, opts: EventBusOptions): Promise<void> {
  await ensureStream(jsm, eventStreamConfig(opts));
  const dlqAgeMs = opts.deadLetter?.maxAgeMs ?? DEFAULTS.dlqMaxAgeMs;
  await ensureStream(jsm, {
    name: deadLetterStreamName(opts),
    subjects: [`${deadLetterPrefix(opts)}.>`],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: nanos(dlqAgeMs),
    max_bytes: opts.stream?.maxBytes ?? DEFAULTS.maxBytes,
    duplicate_window: nanos(2 * 60_000),
    num_replicas: opts.stream?.replicas ?? 1,
  });
}
