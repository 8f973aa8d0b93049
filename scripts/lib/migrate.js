'use strict';
// Runs every service's own migrations (`node <service>/main.js migrate`), each in its schema.
const { spawn } = require('node:child_process');
const { root, services } = require('./services');

function migrateOne(svc, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [svc.entry, 'migrate'], { cwd: root, env: { ...env, DB_SCHEMA: svc.schema }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('exit', (code) => {
      if (code === 0) resolve(output.trim());
      else reject(new Error(`migrations of ${svc.name} failed (exit ${code}):\n${output}`));
    });
  });
}

async function migrateAll(env) {
  for (const svc of services) {
    const out = await migrateOne(svc, env);
    process.stdout.write(`migrated ${svc.name}${out ? `: ${out.split('\n').pop()}` : ''}\n`);
  }
}

module.exports = { migrateAll };
