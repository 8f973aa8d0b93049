import { Logger } from '@nestjs/common';
import { createHttpApp } from '@santral/observability';
import type { AnyServiceDefinition } from './service-definition';
import { serviceModule } from './service-kit.module';
import { startRpcServer } from './run-service';

/**
 * One replica of a service as a bench forks it (`node -r @swc-node/register <server>.ts <env JSON>`:
 * Nest needs decorator metadata, which tsx does not emit): its schema and subject prefix from the
 * environment it is given, HTTP on its port. It reports `{ready}`, restarts its CPU count on
 * `{cmd:'mark'}`, and on `{cmd:'stop'}` closes and reports its CPU µs for the measured window.
 */
export function runBenchReplica(def: AnyServiceDefinition): void {
  const main = async () => {
    Logger.overrideLogger(['error']);
    const env = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
    const config = def.loadConfig({ ...env, LOG_LEVEL: 'error' });
    const app = await createHttpApp(serviceModule(def, config));
    await startRpcServer(app, def, config, `${def.name}-bench-${process.pid}`);
    await app.listen(config.HTTP_PORT, '127.0.0.1');
    process.send?.({ ready: true });
    let mark = process.cpuUsage();
    process.on('message', (msg: { cmd?: string }) => {
      if (msg.cmd === 'mark') mark = process.cpuUsage();
      if (msg.cmd !== 'stop') return;
      const cpu = process.cpuUsage(mark);
      void app.close().finally(() => process.send?.({ stopped: true, cpuMicros: cpu.user + cpu.system }, () => process.exit(0)));
    });
  };
  main().catch((e: Error) => {
    process.stderr.write(`${def.name} bench server failed: ${e.stack}\n`);
    process.exit(1);
  });
}
