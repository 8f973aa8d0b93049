import type { NatsConnection } from '@nats-io/nats-core';
import { Objm, setSha256Backend } from '@nats-io/obj';

/**
 * Jest's CommonJS sandbox refuses the client's dynamic `import("node:crypto")` (it would need
 * --experimental-vm-modules), so inside a Jest test (known by its global `expect`) the JS hash
 * stays; every real process, the e2e suite's spawned services too, hashes natively.
 */
const SANDBOXED = typeof (globalThis as { expect?: unknown }).expect === 'function';

/**
 * The JetStream Object Store on a connection, hashing chunks with node:crypto. The client's
 * default is a pure-JS SHA-256 (for browsers) that cost 26 ms per MB here: 0.9 s of an import's
 * million-row file on each of put and get. The choice is process-wide, made before the first store.
 */
export function objectStores(connection: NatsConnection, hashing: 'native' | 'js' = SANDBOXED ? 'js' : 'native'): Objm {
  setSha256Backend(hashing);
  return new Objm(connection);
}
