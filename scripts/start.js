#!/usr/bin/env node
'use strict';
// `npm start`: install, find or start Postgres and NATS, migrate, start all seven
// services with the simulated telephony provider, print where they are. Ctrl-C stops all.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');
const { root, services } = require('./lib/services');
const { ensureInstalled, build } = require('./lib/prepare');
const { localAdminKey } = require('./lib/admin-key');

/** What npm start itself started (Postgres, NATS): stopped again when it fails. */
const infra = [];

async function main() {
  const started = Date.now();
  warnOldNode();
  ensureInstalled();
  build();
  const { ensurePostgres, ensureNats, stateDir, log } = require('./lib/infra');
  const { migrateAll } = require('./lib/migrate');
  const pg = await ensurePostgres(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/santral');
  infra.push(pg);
  const nats = await ensureNats(process.env.NATS_URL ?? 'nats://127.0.0.1:4222');
  infra.push(nats);
  const adminKey = process.env.SANTRAL_ADMIN_KEY ?? localAdminKey(stateDir);
  const sealing = localSealingKeys(stateDir);
  // The telephony-gateway's secrets go to it alone, not to every service through the environment.
  const { SECRETS_KEY: _atRest, TELEPHONY_SEALING_PRIVATE_KEY: _sealing, ...parentEnv } = process.env;
  const env = {
    ...parentEnv,
    NODE_ENV: process.env.NODE_ENV ?? 'production',
    // Development defaults (the simulator in-process, …) only because this says so, never from NODE_ENV.
    SANTRAL_DEV_MODE: process.env.SANTRAL_DEV_MODE ?? 'true',
    DATABASE_URL: pg.url,
    NATS_URL: nats.url,
    SANTRAL_ADMIN_KEY: adminKey,
    TELEPHONY_DEFAULT_PROVIDER: process.env.TELEPHONY_DEFAULT_PROVIDER ?? 'simulator',
    TELEPHONY_SEALING_PUBLIC_KEY: sealing.publicKey,
  };
  // Secrets only the telephony-gateway holds: at-rest key and the private half of the sealing pair.
  const telephonySecrets = { SECRETS_KEY: process.env.SECRETS_KEY ?? localSecretsKey(stateDir), TELEPHONY_SEALING_PRIVATE_KEY: sealing.privateKey };
  await migrateAll(env);

  const flagsOverride = process.env.SANTRAL_NODE_FLAGS?.split(' ').filter(Boolean);
  const logDir = path.join(stateDir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const children = new Map();
  let stopping = false;

  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    log('stopping services...');
    const exits = [...children.values()].map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    );
    await Promise.all(exits);
    await nats.stop();
    await pg.stop();
    log('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  for (const svc of services) {
    const out = fs.openSync(path.join(logDir, `${svc.name}.log`), 'a');
    const child = spawn(process.execPath, [...(flagsOverride ?? svc.nodeFlags), svc.entry], {
      cwd: root,
      env: { ...env, HTTP_PORT: String(svc.port), DB_SCHEMA: svc.schema, ...serviceEnv(svc, telephonySecrets), ...natsCredentials(nats, svc) },
      stdio: ['ignore', out, out],
    });
    children.set(svc.name, child);
    child.once('exit', (code, signal) => {
      if (!stopping) {
        log(`${svc.name} exited (${signal ?? code}); see .santral/logs/${svc.name}.log`);
        void stopAll(1);
      }
    });
  }

  await Promise.all(services.map((svc) => waitReady(svc).then(() => log(`${svc.name} ready http://127.0.0.1:${svc.port}`))));
  const gw = services.find((s) => s.name === 'api-gateway');
  const base = `http://127.0.0.1:${gw.port}`;
  log('');
  log(`admin key: ${adminKey}${process.env.SANTRAL_ADMIN_KEY ? ' (from SANTRAL_ADMIN_KEY)' : ' (kept in .santral/admin.key, which npm run demo reads; set SANTRAL_ADMIN_KEY to choose one)'}`);
  log('get an organization API key:');
  log(`  curl -s -X POST ${base}/v1/organizations -H "Authorization: Bearer ${adminKey}" \\`);
  log(`    -H 'Content-Type: application/json' -d '{"name":"Demo","defaultCountry":"TR","timeZone":"Europe/Istanbul","plan":"free"}'`);
  log(`logs: .santral/logs/<service>.log   ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log(`Santral is up: ${base} (docs: /docs)`);
}

/** Santral targets Node 24 LTS (package.json engines); an older Node still runs it, with one line saying so. */
function warnOldNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 24) return;
  const eol = major <= 20 ? ', past its end of life (2026-04-30)' : '';
  process.stdout.write(
    `warning: Node ${process.version}${eol}; Santral targets Node 24 LTS: \`npx -y node@24 scripts/start.js\` runs it on 24. Continuing on ${process.version}.\n`,
  );
}

/** Provider secrets need a key at rest; a local run keeps a generated one in .santral/. */
function localSecretsKey(dir) {
  const file = path.join(dir, 'secrets.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/**
 * The sealing pair for provider secrets on the bus (README "Trust model"): generated on first run
 * into .santral/sealing.json, unless both halves are given.
 */
function localSealingKeys(dir) {
  if (process.env.TELEPHONY_SEALING_PRIVATE_KEY && process.env.TELEPHONY_SEALING_PUBLIC_KEY) {
    return { privateKey: process.env.TELEPHONY_SEALING_PRIVATE_KEY, publicKey: process.env.TELEPHONY_SEALING_PUBLIC_KEY };
  }
  const file = path.join(dir, 'sealing.json');
  if (!fs.existsSync(file)) {
    const { publicKey, privateKey } = crypto.generateKeyPairSync('x25519');
    const pair = {
      publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    };
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(pair, null, 2), { mode: 0o600 });
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The service's own NATS user when npm start runs the server (none for an existing server). */
function natsCredentials(nats, svc) {
  const c = nats.credentials?.[svc.name];
  return c ? { NATS_USER: c.user, NATS_PASSWORD: c.password } : {};
}

/** Per-service variables that depend on the chosen ports, and the telephony-gateway's own secrets. */
function serviceEnv(svc, telephonySecrets) {
  if (svc.name !== 'telephony-gateway') return {};
  const simulatorPort = process.env.SIMULATOR_PORT ?? '3091';
  return {
    ...telephonySecrets,
    PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${svc.port}`,
    SIMULATOR_URL: process.env.SIMULATOR_URL ?? `http://127.0.0.1:${simulatorPort}`,
  };
}

async function waitReady(svc) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${svc.port}/health/ready`);
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${svc.name} was not ready within 120 s; see .santral/logs/${svc.name}.log`);
}

main().catch(async (e) => {
  process.stderr.write(`npm start failed: ${e.message}\n`);
  for (const started of infra.reverse()) await started.stop().catch(() => undefined);
  process.exit(1);
});
