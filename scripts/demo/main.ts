/**
 * npm run demo [-- --contacts N] [--base-url URL] [--admin-key KEY] [--time-scale N] [--retry-minutes N] [--seed N]
 *
 * Against a running `npm start`: a demo organization with credits, a simulator account, a caller
 * number, an AI agent, a call list of N contacts (CSV, several time zones), a campaign with calling
 * windows and a retry matrix; starts it, shows its progress live, then a summary. Ctrl-C cancels
 * the campaign and prints what it did; a second Ctrl-C quits at once.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SantralApiError } from '@santral/api-client';
import { progressLine, summaryText } from './render';
import { GatewayUnreachableError, runDemo, type DemoReporter, type ProgressFrame } from './run-demo';

const root = resolve(__dirname, '..', '..');
// The gateway's port as npm start chose it (services.json, or SANTRAL_API_GATEWAY_PORT).
const { services } = require('../lib/services') as { services: Array<{ name: string; port: number }> };
const { savedAdminKey } = require('../lib/admin-key') as { savedAdminKey: (dir: string) => string | undefined };
const gatewayPort = services.find((s) => s.name === 'api-gateway')!.port;

const USAGE = `usage: npm run demo -- [--contacts N] [--base-url URL] [--admin-key KEY] [--time-scale N] [--retry-minutes N] [--seed N]
  --contacts N       contacts in the call list (default 200)
  --base-url URL     the gateway (default http://127.0.0.1:${gatewayPort})
  --admin-key KEY    the platform admin key npm start printed (default $SANTRAL_ADMIN_KEY, else .santral/admin.key)
  --time-scale N     simulated seconds per real second (default 30)
  --retry-minutes N  delay of the retry matrix (default 1)
  --seed N           shuffles the outcome mix and the names (default 1)`;

class UsageError extends Error {}

function positiveInt(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max}, not "${value}"`);
  return n;
}

function parse() {
  const { values } = parseArgs({
    options: {
      contacts: { type: 'string' },
      'base-url': { type: 'string' },
      'admin-key': { type: 'string' },
      'time-scale': { type: 'string' },
      'retry-minutes': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const baseUrl = values['base-url'] ?? `http://127.0.0.1:${gatewayPort}`;
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) throw new UsageError(`--base-url must be an http(s) URL, not "${baseUrl}"`);
  const adminKey = values['admin-key'] ?? process.env.SANTRAL_ADMIN_KEY ?? savedAdminKey(resolve(root, '.santral'));
  if (!adminKey) {
    throw new UsageError('the platform admin key is needed: `npm start` prints it ("admin key: …"); pass it with --admin-key or set SANTRAL_ADMIN_KEY (npm start uses that one when set; without it, npm start keeps the key it generates in .santral/admin.key)');
  }
  return {
    baseUrl,
    adminKey,
    contacts: positiveInt('contacts', values.contacts, 200, 5000),
    timeScale: positiveInt('time-scale', values['time-scale'], 30, 10_000),
    retryMinutes: positiveInt('retry-minutes', values['retry-minutes'], 1, 60),
    seed: positiveInt('seed', values.seed, 1, 2 ** 31),
  };
}

/** A terminal gets one progress line redrawn in place; a pipe gets a line when the figures change, at most every 5 s. */
function terminalReporter(): DemoReporter {
  const tty = process.stdout.isTTY === true;
  let drawn = 0;
  let lastPrinted = 0;
  let last: ProgressFrame | undefined;
  let lastKey = '';
  const clear = () => {
    if (!tty) return;
    for (let i = 0; i < drawn; i++) process.stdout.write(i === 0 ? '\r\x1b[2K' : '\x1b[1A\x1b[2K');
    drawn = 0;
  };
  const keyOf = (frame: ProgressFrame) => JSON.stringify({ ...frame, elapsedMs: 0 });
  const clip = (line: string) => (tty && process.stdout.columns ? line.slice(0, process.stdout.columns - 1) : line);
  return {
    step(text) {
      clear();
      process.stdout.write(`• ${text}\n`);
    },
    progress(frame) {
      last = frame;
      const text = progressLine(frame);
      if (tty) {
        clear();
        const lines = text.split('\n').map(clip);
        process.stdout.write(lines.join('\n'));
        drawn = lines.length;
        return;
      }
      if (keyOf(frame) !== lastKey && Date.now() - lastPrinted >= 5000) {
        process.stdout.write(`${text}\n`);
        [lastKey, lastPrinted] = [keyOf(frame), Date.now()];
      }
    },
    endProgress() {
      if (tty) {
        if (drawn) process.stdout.write('\n');
        drawn = 0;
      } else if (last && keyOf(last) !== lastKey) {
        process.stdout.write(`${progressLine(last)}\n`);
        lastKey = keyOf(last);
      }
    },
  };
}

async function main(): Promise<number> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse();
  } catch (e) {
    process.stderr.write(`npm run demo: ${(e as Error).message}\n${e instanceof UsageError ? '' : `${USAGE}\n`}`);
    return 2;
  }
  const abort = new AbortController();
  let firstInterrupt = 0;
  process.on('SIGINT', () => {
    // A terminal's Ctrl-C reaches this process twice (from the terminal, and relayed by tsx): one press.
    if (abort.signal.aborted && Date.now() - firstInterrupt < 1000) return;
    if (abort.signal.aborted) {
      process.stderr.write('\nquitting at once; the campaign may still be running\n');
      process.exit(130);
    }
    process.stderr.write('\nCtrl-C: cancelling the demo campaign (Ctrl-C again to quit at once)…\n');
    firstInterrupt = Date.now();
    abort.abort();
  });
  const reporter = terminalReporter();
  process.stdout.write(`Santral demo against ${options.baseUrl}: ${options.contacts} contacts, simulator at ${options.timeScale}×\n`);
  try {
    const summary = await runDemo({ ...options, signal: abort.signal, reporter });
    process.stdout.write(`\n${summaryText(summary, { baseUrl: options.baseUrl, asyncApiFile: resolve(root, 'libs/contracts/asyncapi.json'), logsDir: resolve(root, '.santral/logs') })}\n`);
    if (summary.interrupted) return 130;
    return summary.campaignState === 'completed' ? 0 : 1;
  } catch (e) {
    reporter.endProgress();
    if (e instanceof GatewayUnreachableError) {
      process.stderr.write(`npm run demo: ${e.message}.\n  Start Santral with \`npm start\` (it prints "Santral is up: <url>") and run the demo again, or pass --base-url.\n`);
    } else if (e instanceof SantralApiError) {
      process.stderr.write(`npm run demo: the API refused a step: ${e.message}\n`);
    } else if (abort.signal.aborted) {
      process.stderr.write(`npm run demo: interrupted (${(e as Error).message})\n`);
      return 130;
    } else {
      process.stderr.write(`npm run demo: ${(e as Error).message}\n`);
    }
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`npm run demo failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
