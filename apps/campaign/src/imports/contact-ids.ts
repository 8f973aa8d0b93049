import { randomBytes } from 'node:crypto';

/**
 * The ids of one import's contacts: uuid v7 (RFC 9562) with the import's millisecond, 26 random
 * bits, and a 48-bit counter that starts at a random value — in line order, unique, and without a
 * random draw per row (the uuid package's v7 took about a microsecond each, a second per million).
 */
export function contactIdSequence(now: number = Date.now()): () => string {
  const r = randomBytes(10);
  const head = `${now.toString(16).padStart(12, '0').replace(/^(.{8})/, '$1-')}-7${(r.readUInt16BE(0) & 0x0fff).toString(16).padStart(3, '0')}-${(0x8000 | (r.readUInt16BE(2) & 0x3fff)).toString(16)}-`;
  let counter = r.readUIntBE(4, 6) % 2 ** 47; // room for 2^47 more before the 48 bits run out
  return () => head + (counter++).toString(16).padStart(12, '0');
}
