'use strict';
// The platform admin key of a local `npm start`: generated on the first run into
// .santral/admin.key (readable by this user only) and the same on every later run, so what was
// printed once (and `npm run demo`, which reads it) keeps working across restarts.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const FILE = 'admin.key';

/** The saved key, made and saved first when there is none. */
function localAdminKey(dir) {
  const saved = savedAdminKey(dir);
  if (saved) return saved;
  const key = `sk_admin_${crypto.randomBytes(24).toString('base64url')}`;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, FILE), `${key}\n`, { mode: 0o600 });
  return key;
}

/** The saved key, or undefined when npm start never generated one here. */
function savedAdminKey(dir) {
  const file = path.join(dir, FILE);
  if (!fs.existsSync(file)) return undefined;
  const key = fs.readFileSync(file, 'utf8').trim();
  return key === '' ? undefined : key;
}

module.exports = { localAdminKey, savedAdminKey, ADMIN_KEY_FILE: FILE };
