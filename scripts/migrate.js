#!/usr/bin/env node
'use strict';
// `npm run migrate`: applies every service's migrations to DATABASE_URL.
const { ensureInstalled, build } = require('./lib/prepare');

ensureInstalled();
build();
const { migrateAll } = require('./lib/migrate');
migrateAll({ ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/santral' }).catch((e) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
