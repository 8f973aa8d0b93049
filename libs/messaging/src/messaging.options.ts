import type { NatsClientAuth } from './connection/nats-identity';
import type { EventBusOptions } from './events/event-bus.options';

export interface MessagingModuleOptions {
  /** Service name: queue group, consumer durable prefix, event `source`. */
  serviceName: string;
  natsUrl: string | string[];
  /** The service's own NATS user (and the server's CA); its inboxes are `natsInboxPrefix(serviceName)`. */
  natsAuth?: NatsClientAuth;
  /**
   * Test isolation: every subject (RPC client, events) gets `<prefix>.` in front on NATS;
   * code keeps using the libs/contracts constants. Give NatsRpcServer the same prefix.
   */
  subjectPrefix?: string;
  rpc?: { defaultTimeoutMs?: number };
  /** JetStream domain events (outbox, relay, `@OnEvent` consumers). Needs the service's TypeORM `DataSource`. */
  events?: EventBusOptions;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
