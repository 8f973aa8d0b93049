/** Where integration tests find the real services (scripts/test.js and .ci/run make sure they answer). */
export const testEnv = {
  databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
};

/** A short unique lower-case name for schemas, streams, durables and subject prefixes. */
export function uniqueName(prefix: string): string {
  const rand = Math.random().toString(16).slice(2, 10);
  return `t_${prefix.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${Date.now().toString(36)}${rand}`;
}
