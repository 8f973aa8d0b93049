import { randomBytes } from 'node:crypto';
import { generateSealingKeyPair, Sealer } from '@santral/messaging';

let generated: Record<string, string> | undefined;

/**
 * The secrets a service needs and has no default for (SECRETS_KEY, the sealing key pair),
 * generated once per test process: nothing secret is written down, not even for tests.
 */
export function testSecrets(): { SECRETS_KEY: string; TELEPHONY_SEALING_PRIVATE_KEY: string; TELEPHONY_SEALING_PUBLIC_KEY: string } {
  if (!generated) {
    const pair = generateSealingKeyPair();
    generated = { SECRETS_KEY: randomBytes(32).toString('base64'), TELEPHONY_SEALING_PRIVATE_KEY: pair.privateKey, TELEPHONY_SEALING_PUBLIC_KEY: pair.publicKey };
  }
  return generated as ReturnType<typeof testSecrets>;
}

/** Provider secrets sealed as the api-gateway seals them, for a telephony-gateway booted with testSecrets(). */
export function sealForTests(organizationId: string, secrets: Record<string, string>): string {
  return new Sealer(testSecrets().TELEPHONY_SEALING_PUBLIC_KEY).seal(JSON.stringify(secrets), organizationId);
}
