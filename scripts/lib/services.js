'use strict';
// The seven processes of Santral, their Postgres schema and default HTTP port.
// Ports are overridable with SANTRAL_<NAME>_PORT (e.g. SANTRAL_API_GATEWAY_PORT=8080).
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');

const services = [
  { name: 'api-gateway', schema: 'gateway', port: 3000 },
  // The webhook ingress: a young generation big enough that in-flight webhooks (waiting a few ms
  // for their group commit) die young instead of being promoted and mark-compacted; at 5,000
  // webhooks/s that halved p99 and cut a fifth of its CPU (bench/webhooks.ts). Idle RSS is
  // unchanged (runService collects once after boot, which needs --expose-gc; load grows it again).
  { name: 'telephony-gateway', schema: 'telephony', port: 3001, nodeFlags: ['--max-semi-space-size=64', '--expose-gc'] },
  { name: 'campaign', schema: 'campaign', port: 3002 },
  { name: 'dialer-orchestrator', schema: 'dialer', port: 3003 },
  { name: 'billing', schema: 'billing', port: 3004 },
  { name: 'transcript', schema: 'transcript', port: 3005 },
  { name: 'ticketing', schema: 'ticketing', port: 3006 },
].map((s) => {
  const envKey = `SANTRAL_${s.name.toUpperCase().replace(/-/g, '_')}_PORT`;
  return {
    ...s,
    port: Number(process.env[envKey] ?? s.port),
    // A small young generation keeps idle RSS low (DESIGN §9: ≤ 120 MB per service).
    nodeFlags: s.nodeFlags ?? ['--max-semi-space-size=2'],
    entry: path.join(root, 'dist', 'apps', s.name, 'src', 'main.js'),
  };
});

module.exports = { root, services };
