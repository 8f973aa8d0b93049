'use strict';
// The seven processes of Santral, their Postgres schema and default HTTP port.
// Ports are overridable with SANTRAL_<NAME>_PORT (e.g. SANTRAL_API_GATEWAY_PORT=8080).
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');

const services = [
  { name: 'api-gateway', schema: 'gateway', port: 3000 },
  { name: 'telephony-gateway', schema: 'telephony', port: 3001 },
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
    entry: path.join(root, 'dist', 'apps', s.name, 'src', 'main.js'),
  };
});

module.exports = { root, services };
