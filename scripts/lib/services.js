'use strict';
// The seven processes of Santral as libs/contracts/src/services/services.json lists them (the one
// registry; README "Services" says why each has its node flags), plus where each one's build is.
// Ports are overridable with SANTRAL_<NAME>_PORT (e.g. SANTRAL_API_GATEWAY_PORT=8080).
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const registryFile = path.join(root, 'libs', 'contracts', 'src', 'services', 'services.json');

/** SANTRAL_API_GATEWAY_PORT for api-gateway. */
function portEnvKey(name) {
  return `SANTRAL_${name.toUpperCase().replace(/-/g, '_')}_PORT`;
}

function portOf(s) {
  const key = portEnvKey(s.name);
  const port = process.env[key] ? Number(process.env[key]) : s.port;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${key}=${process.env[key]} is not a TCP port`);
  return port;
}

const services = require(registryFile).map((s) => ({
  name: s.name,
  schema: s.schema,
  port: portOf(s),
  nodeFlags: [...s.nodeFlags],
  entry: path.join(root, 'dist', 'apps', s.name, 'src', 'main.js'),
}));

module.exports = { root, registryFile, portEnvKey, services };
