/**
 * One dialer-orchestrator replica as a child process of a test (see dialer-replicas.ts): the real
 * service definition booted as `bootTestService` does in-process, its config from the environment
 * it is forked with (DATABASE_URL, DB_SCHEMA, NATS_URL, SUBJECT_PREFIX, DISPATCH_INTERVAL_MS, …).
 * Forked with `node -r @swc-node/register` (Nest needs decorator metadata). Tells its parent when
 * it is ready; stops on `{ cmd: 'stop' }`, and exits at once when its parent goes away (no orphans).
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { bootTestService } from '@santral/testing';
import { dialerService } from '../../src/app.module';

async function main(): Promise<void> {
  process.on('disconnect', () => process.exit(1));
  Logger.overrideLogger(['error']);
  const config = dialerService.loadConfig({ ...(process.env as Record<string, string>), LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' });
  const app = await bootTestService(dialerService, config, { rpc: process.env.REPLICA_RPC !== 'false' });
  process.send?.({ ready: true, pid: process.pid });
  process.on('message', (msg: { cmd?: string }) => {
    if (msg.cmd !== 'stop') return;
    void app.close().finally(() => process.send?.({ stopped: true }, () => process.exit(0)));
  });
}

main().catch((e: Error) => {
  process.stderr.write(`dialer replica failed: ${e.stack}\n`);
  process.exit(1);
});
