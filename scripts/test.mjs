#!/usr/bin/env node
// `npm test`: unit tests, the integration suite on PGlite and on a PostgreSQL server, and the browser
// tests in Chromium. The PostgreSQL half needs a server (PGHOST…, as pg_virtualenv exports in CI); the
// browser half needs /usr/bin/chromium. Locally a missing one is skipped with a warning; in CI
// (CI=true) it is an error, so CI always runs the whole suite.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const ci = ['1', 'true'].includes(String(process.env.CI).toLowerCase());
const projects = ['unit', 'pglite'];
const missing = [];

if (process.env.PGHOST || process.env.PGPORT) projects.push('postgres');
else missing.push('PostgreSQL (no PGHOST: run inside pg_virtualenv, as .ci/run does)');

if (fs.existsSync('/usr/bin/chromium')) projects.push('e2e');
else missing.push('Chromium (apt-get install chromium)');

for (const m of missing) console.warn(`${ci ? 'ERROR' : 'WARNING'}: skipping the tests that need ${m}`);
if (ci && missing.length) process.exit(1);

const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), ...process.argv.slice(2)];
const result = spawnSync('npx', args, { stdio: 'inherit', env: process.env });
process.exit(result.status ?? 1);
