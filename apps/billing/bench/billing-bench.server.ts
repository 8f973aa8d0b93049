/**
 * One billing replica as bench/billing.ts runs it: its schema and subject prefix from the
 * environment it is given, HTTP on a free port. Forked with `node -r @swc-node/register` (Nest needs
 * decorator metadata, which tsx does not emit). Reports its own CPU for the measured window.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createHttpApp } from '@santral/observability';
import { serviceModule, startRpcServer } from '@santral/service-kit';
import { billingService } from '../src/app.module';

async function main(): Promise<void> {
  Logger.overrideLogger(['error']);
  const env = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
  const config = billingService.loadConfig({ ...env, LOG_LEVEL: 'error' });
  const app = await createHttpApp(serviceModule(billingService, config));
  await startRpcServer(app, billingService, config, `billing-bench-${process.pid}`);
  await app.listen(config.HTTP_PORT, '127.0.0.1');
  process.send?.({ ready: true });
  let mark = process.cpuUsage();
  process.on('message', (msg: { cmd?: string }) => {
    if (msg.cmd === 'mark') mark = process.cpuUsage();
    if (msg.cmd !== 'stop') return;
    const cpu = process.cpuUsage(mark);
    void app.close().finally(() => process.send?.({ stopped: true, cpuMicros: cpu.user + cpu.system }, () => process.exit(0)));
  });
}

main().catch((e: Error) => {
  process.stderr.write(`billing bench server failed: ${e.stack}\n`);
  process.exit(1);
});
