/**
 * Prints a new sealing key pair for provider secrets on the bus (README "Secrets"):
 *   npx tsx scripts/sealing-keys.ts
 * TELEPHONY_SEALING_PRIVATE_KEY goes to the telephony-gateway only; TELEPHONY_SEALING_PUBLIC_KEY
 * to the api-gateway. `npm start` makes its own pair in .santral/ on first run.
 */
import { generateSealingKeyPair } from '../libs/messaging/src/sealing/sealed-box';

const pair = generateSealingKeyPair();
process.stdout.write(`TELEPHONY_SEALING_PRIVATE_KEY=${pair.privateKey}\nTELEPHONY_SEALING_PUBLIC_KEY=${pair.publicKey}\n`);
