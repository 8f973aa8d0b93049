// Dead letters from the command line:
//   npm run dlq -- list [--consumer <durable>] [--limit <n>]
//   npm run dlq -- show <id> | replay <id> | discard <id>
// Env: NATS_URL (default nats://127.0.0.1:4222), DLQ_STREAM (default SANTRAL_DLQ).
import { Streams } from '@santral/contracts';
import { connectNats } from '../src/connection/nats-connection.provider';
import { DeadLetters } from '../src/dlq/dead-letters';

const USAGE = 'usage: dlq list [--consumer <durable>] [--limit <n>] | show <id> | replay <id> | discard <id>';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function idArg(args: string[]): number {
  const id = Number(args[1]);
  if (!Number.isInteger(id) || id <= 0) throw new Error(`a dead letter id (stream sequence) is required\n${USAGE}`);
  return id;
}

/** Runs one command against `dlq`; prints JSON lines through `print`. Returns the exit code. */
export async function runDlqCommand(args: string[], dlq: DeadLetters, print: (line: string) => void = console.log): Promise<number> {
  switch (args[0]) {
    case 'list': {
      const limit = Number(flag(args, 'limit') ?? 100);
      const letters = await dlq.list({ consumer: flag(args, 'consumer'), limit });
      for (const l of letters) {
        print(JSON.stringify({ id: l.id, consumer: l.consumer, subject: l.subject, eventId: l.eventId, reason: l.reason, error: l.error, deliveries: l.deliveries, failedAt: l.failedAt }));
      }
      return 0;
    }
    case 'show': {
      const l = await dlq.get(idArg(args));
      if (!l) return (print(JSON.stringify({ error: 'not found' })), 1);
      print(JSON.stringify(l, null, 2));
      return 0;
    }
    case 'replay': {
      const l = await dlq.replay(idArg(args));
      print(JSON.stringify({ replayed: l.id, subject: l.subject, eventId: l.eventId }));
      return 0;
    }
    case 'discard': {
      const ok = await dlq.discard(idArg(args));
      print(JSON.stringify({ discarded: ok }));
      return ok ? 0 : 1;
    }
    default:
      print(USAGE);
      return 2;
  }
}

async function main(): Promise<void> {
  const nc = await connectNats({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', name: 'dlq-cli' });
  try {
    const dlq = DeadLetters.forConnection(nc, process.env.DLQ_STREAM ?? Streams.DeadLetters);
    process.exitCode = await runDlqCommand(process.argv.slice(2), dlq);
  } catch (err) {
    const message = (err as Error).message;
    console.error(message === 'stream not found' ? `no dead-letter stream yet (${process.env.DLQ_STREAM ?? Streams.DeadLetters}): nothing has been dead-lettered` : message);
    process.exitCode = 1;
  } finally {
    await nc.close();
  }
}

if (require.main === module) void main();
