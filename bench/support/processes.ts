import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** CPU seconds (user + system) per pid: of these pids when given, else of every process with one of these names. */
export function cpuOfProcesses(names: string[], only?: Set<number>): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    if (only && !only.has(Number(pid))) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      const close = stat.lastIndexOf(')');
      if (!only && !names.includes(stat.slice(stat.indexOf('(') + 1, close))) continue;
      const f = stat.slice(close + 2).split(' ');
      out.set(Number(pid), (Number(f[11]) + Number(f[12])) / 100);
    } catch {
      /* gone */
    }
  }
  return out;
}

/** CPU seconds spent between two readings by the processes alive at both (an exited one cannot be read). */
export function spent(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, cpu] of after) if (before.has(pid)) total += cpu - before.get(pid)!;
  return total;
}

/** CPU seconds spent between two readings by these processes, counting one that started in between in full (a connection opened meanwhile). */
export function spentWithNew(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, cpu] of after) total += cpu - (before.get(pid) ?? 0);
  return total;
}
