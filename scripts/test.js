#!/usr/bin/env node
'use strict';
// `npm test`: type-check, architecture rules, unit and integration suites, against the
// real Postgres and NATS (started here when they do not answer and a local binary exists).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { root } = require('./lib/services');

function step(label, cmd, args, env = process.env) {
  process.stdout.write(`\n== ${label}\n`);
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  return res.status === 0;
}

async function main() {
  const { pgAnswers, tcpAnswers } = require('./lib/infra');
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  if (!(await pgAnswers(databaseUrl))) throw new Error(`Postgres does not answer at ${databaseUrl} (.ci/run starts the local one)`);
  if (!(await tcpAnswers(natsUrl))) throw new Error(`NATS does not answer at ${natsUrl} (.ci/run starts the local one)`);
  const env = { ...process.env, DATABASE_URL: databaseUrl, NATS_URL: natsUrl, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' };

  const node = process.execPath;
  process.stdout.write(`node ${process.version} (${node})\n`);
  const bin = (p) => path.join(root, 'node_modules', p);
  const results = [];
  results.push(['build (tsc strict)', step('build (tsc strict)', node, [bin('typescript/bin/tsc'), '-b', 'tsconfig.build.json'])]);
  results.push(['type-check specs', step('type-check specs', node, [bin('typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'])]);
  results.push([
    'architecture (dependency-cruiser)',
    step('architecture (dependency-cruiser)', node, [bin('dependency-cruiser/bin/dependency-cruise.mjs'), 'apps', 'libs', '--config', '.dependency-cruiser.js']),
  ]);
  const report = path.join(os.tmpdir(), `santral-jest-${process.pid}.json`);
  const jestOk = step('jest (unit + integration)', node, [bin('jest/bin/jest.js'), '--runInBand', '--json', `--outputFile=${report}`], env);
  results.push(['jest', jestOk]);

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (fs.existsSync(report)) {
    const r = JSON.parse(fs.readFileSync(report, 'utf8'));
    passed = r.numPassedTests;
    failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
    skipped = r.numPendingTests + r.numTodoTests;
    fs.rmSync(report, { force: true });
  }
  const failedSteps = results.filter(([, ok]) => !ok).map(([name]) => name);
  failed += failedSteps.filter((n) => n !== 'jest').length;
  process.stdout.write(`\n${failedSteps.length ? `failed steps: ${failedSteps.join(', ')}\n` : ''}`);
  process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  process.exit(failedSteps.length || failed ? 1 : 0);
}

main().catch((e) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
