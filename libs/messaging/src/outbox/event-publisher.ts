import { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '@santral/contracts';
import { buildEnvelope, PublishInput } from '../events/envelope';
import { withSubjectPrefix } from '../events/event-bus.options';

export interface PublishOptions {
  /**
   * The caller's transaction: the event commits or rolls back with the state change.
   * Without it the row is written in its own transaction.
   */
  manager?: EntityManager;
}

/** Postgres allows 65,535 bind parameters per statement; three per row. */
const INSERT_CHUNK = 5000;

async function insertRows(manager: EntityManager, envelopes: EventEnvelope[], subjectPrefix?: string): Promise<void> {
  const params: string[] = [];
  const rows = envelopes.map((env) => {
    params.push(env.id, withSubjectPrefix(subjectPrefix, env.type), JSON.stringify(env));
    const n = params.length;
    return `($${n - 2}::uuid, $${n - 1}, $${n}::json)`;
  });
  await manager.query(`INSERT INTO outbox (id, subject, envelope) VALUES ${rows.join(', ')}`, params);
}

/**
 * Transactional outbox writer (DESIGN §2): `publish` only inserts into the service's
 * `outbox` table; the relay sends it to JetStream after commit.
 */
export class EventPublisher {
  constructor(
    private readonly dataSource: DataSource,
    /** CloudEvents `source`, e.g. `santral/billing`. */
    private readonly source: string,
    /** Test isolation: published on `<prefix>.<type>`; the envelope keeps the plain type. */
    private readonly subjectPrefix?: string,
  ) {}

  async publish<T>(event: PublishInput<T> | EventEnvelope<T>, opts: PublishOptions = {}): Promise<EventEnvelope<T>> {
    const [env] = await this.publishMany([event], opts);
    return env;
  }

  async publishMany<T>(events: Array<PublishInput<T> | EventEnvelope<T>>, opts: PublishOptions = {}): Promise<EventEnvelope<T>[]> {
    const envelopes = events.map((e) => buildEnvelope(e, this.source));
    const write = async (manager: EntityManager) => {
      for (let i = 0; i < envelopes.length; i += INSERT_CHUNK) await insertRows(manager, envelopes.slice(i, i + INSERT_CHUNK), this.subjectPrefix);
    };
    if (opts.manager) await write(opts.manager);
    else if (envelopes.length <= INSERT_CHUNK) await write(this.dataSource.manager);
    else await this.dataSource.transaction(write);
    return envelopes;
  }
}
