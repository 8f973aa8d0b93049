'use strict';
// Installs dependencies when missing or stale and compiles the TypeScript (incremental).
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawnSync } = require('node:child_process');
const { root } = require('./services');

function run(cmd, args, label) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`${label} failed (exit ${res.status})`);
}

function lockHash() {
  const lock = path.join(root, 'package-lock.json');
  return fs.existsSync(lock) ? crypto.createHash('sha256').update(fs.readFileSync(lock)).digest('hex') : 'none';
}

function ensureInstalled() {
  const marker = path.join(root, 'node_modules', '.santral-lock-hash');
  const want = lockHash();
  const have = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : null;
  if (have === want && fs.existsSync(path.join(root, 'node_modules', '@nestjs', 'core'))) return;
  process.stdout.write('installing dependencies (npm ci)...\n');
  run('npm', ['ci', '--no-audit', '--no-fund'], 'npm ci');
  fs.writeFileSync(marker, want);
}

function build() {
  process.stdout.write('compiling TypeScript...\n');
  run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json'], 'build');
}

module.exports = { ensureInstalled, build };
