'use strict';
// Installs dependencies when missing or stale and compiles the TypeScript (incremental).
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { root } = require('./services');

function run(cmd, args, label) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`${label} failed (exit ${res.status})`);
}

/** npm writes node_modules/.package-lock.json on every install: older than the lock means stale. */
function installIsCurrent() {
  const hidden = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (!fs.existsSync(hidden) || !fs.existsSync(path.join(root, 'node_modules', '@nestjs', 'core'))) return false;
  return fs.statSync(hidden).mtimeMs >= fs.statSync(lock).mtimeMs;
}

function ensureInstalled() {
  if (process.env.SANTRAL_SKIP_INSTALL === '1' || installIsCurrent()) return;
  process.stdout.write('installing dependencies (npm ci)...\n');
  run('npm', ['ci', '--no-audit', '--no-fund'], 'npm ci');
}

function build() {
  process.stdout.write('compiling TypeScript...\n');
  run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json'], 'build');
}

module.exports = { ensureInstalled, build };
