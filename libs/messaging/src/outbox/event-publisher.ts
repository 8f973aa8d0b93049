import { DataSource, EntityManager } from 'typeorm';
import { withPrefix, type EventEnvelope, type PayloadOf, type SubjectOfTransport } from '@santral/contracts';
import { preparedQuery } from '@santral/persistence';
import { buildEnvelope, EnvelopeMeta, PublishInput } from '../events/envelope';

/** subject → payload of every JetStream message (event or command) in the contracts registry. */
export type ContractStreamMessages = { [S in SubjectOfTransport<'jetstream'>]: PayloadOf<S> };

/** For libs/messaging's own tests and benches, which publish subjects the registry does not know. */
export type UntypedMessages = Record<string, unknown>;

/** One event of a message map, its `data` checked against its `type`. */
export type OutgoingEvent<M extends object = ContractStreamMessages> = {
  [S in keyof M & string]: PublishInput<M[S], S> | EventEnvelope<M[S], S>;
}[keyof M & string];

export interface PublishOptions {
  /**
   * The caller's transaction: the event commits or rolls back with the state change.
   * Without it the row is written in its own transaction.
   */
  manager?: EntityManager;
}

/** Rows per statement: arrays keep the statement text fixed (prepared once per connection) whatever the count. */
const INSERT_CHUNK = 5000;

async function insertRows(manager: EntityManager, envelopes: EventEnvelope[], subjectPrefix?: string): Promise<void> {
  await preparedQuery(
    manager,
    `INSERT INTO outbox (id, subject, envelope) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]::json[])`,
    [envelopes.map((e) => e.id), envelopes.map((e) => withPrefix(subjectPrefix, e.type)), envelopes.map((e) => JSON.stringify(e))],
  );
}

/**
 * Transactional outbox writer (DESIGN §2): `publish` only inserts into the service's
 * `outbox` table; the relay sends it to JetStream after commit. Typed by the contracts
 * registry: `publish(Subjects.Telephony.CallEnded, data, …)` with the wrong `data` does not compile.
 */
export class EventPublisher<M extends object = ContractStreamMessages> {
  constructor(
    private readonly dataSource: DataSource,
    /** CloudEvents `source`, e.g. `santral/billing`. */
    private readonly source: string,
    /** Test isolation: published on `<prefix>.<type>`; the envelope keeps the plain type. */
    private readonly subjectPrefix?: string,
  ) {}

  async publish<S extends keyof M & string>(type: S, data: M[S], meta: EnvelopeMeta & PublishOptions): Promise<EventEnvelope<M[S], S>> {
    const { manager, ...envelope } = meta;
    const [env] = await this.publishMany([{ ...envelope, type, data } as OutgoingEvent<M>], { manager });
    return env as EventEnvelope<M[S], S>;
  }

  async publishMany(events: ReadonlyArray<OutgoingEvent<M>>, opts: PublishOptions = {}): Promise<EventEnvelope[]> {
    const envelopes = events.map((e) => buildEnvelope(e as PublishInput, this.source));
    const write = async (manager: EntityManager) => {
      for (let i = 0; i < envelopes.length; i += INSERT_CHUNK) await insertRows(manager, envelopes.slice(i, i + INSERT_CHUNK), this.subjectPrefix);
    };
    if (opts.manager) await write(opts.manager);
    else if (envelopes.length <= INSERT_CHUNK) await write(this.dataSource.manager);
    else await this.dataSource.transaction(write);
    return envelopes;
  }
}
