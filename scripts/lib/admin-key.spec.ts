import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { localAdminKey, savedAdminKey, ADMIN_KEY_FILE } = require('./admin-key') as {
  localAdminKey: (dir: string) => string;
  savedAdminKey: (dir: string) => string | undefined;
  ADMIN_KEY_FILE: string;
};

describe('the local admin key of npm start', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'santral-admin-key-')), 'state');
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('is generated on the first run into a file only this user can read', () => {
    expect(savedAdminKey(dir)).toBeUndefined();
    const key = localAdminKey(dir);
    expect(key).toMatch(/^sk_admin_[A-Za-z0-9_-]{32}$/);
    expect(statSync(join(dir, ADMIN_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, ADMIN_KEY_FILE), 'utf8').trim()).toBe(key);
  });

  it('is the same on every later run, and what npm run demo reads', () => {
    const first = localAdminKey(dir);
    expect(localAdminKey(dir)).toBe(first);
    expect(savedAdminKey(dir)).toBe(first);
  });

  it('is made again when the file was emptied', () => {
    localAdminKey(dir);
    writeFileSync(join(dir, ADMIN_KEY_FILE), '\n');
    expect(savedAdminKey(dir)).toBeUndefined();
    expect(localAdminKey(dir)).toMatch(/^sk_admin_/);
  });
});
