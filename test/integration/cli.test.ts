// The command line as an operator runs it: real processes, real databases, bad input included.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, openTestDatabase } from './helpers.ts';
import { seedFixture } from './fixtures.ts';

const tsx = path.resolve('node_modules/.bin/tsx');
function dangvu(args: string[], env: Record<string, string | undefined>) {
  const r = spawnSync(tsx, ['src/cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dangvu-cli-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe(`CLI (${backend})`, () => {
  it('prints help with every command', () => {
    const r = dangvu(['--help'], {});
    expect(r.code).toBe(0);
    for (const c of ['serve', 'migrate', 'demo', 'users']) expect(r.out).toContain(c);
  });

  it('stops with one clear line on a malformed DATABASE_URL', () => {
    const r = dangvu(['migrate'], { DATABASE_URL: 'mysql://x@y/z' });
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('DATABASE_URL');
  });

  it('stops with one clear line when the server cannot be reached', () => {
    const r = dangvu(['migrate'], { DATABASE_URL: 'postgres://u:p@127.0.0.1:1/dangvu' });
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('Không kết nối được PostgreSQL tại 127.0.0.1:1');
  });

  it('migrates an embedded database and adds a user, refusing bad input', async () => {
    if (backend !== 'pglite') return;
    const env = { DANGVU_DATA: dataDir };
    expect(dangvu(['migrate'], env).out).toContain('0001_foundation');
    expect(dangvu(['migrate'], env).out).toContain('mới nhất');
    // No units yet: a clear message, not a stack trace.
    const empty = dangvu(['users', 'add', '--username', 'tochuc', '--name', 'Cán bộ', '--role', 'org_staff', '--unit', '83', '--password', 'mat-khau-dai'], env);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('chưa có đơn vị');
  });

  it('adds a user scoped to a unit given by code, on the backend under test', async () => {
    const handle = await openTestDatabase();
    let env: Record<string, string>;
    let cleanup = async () => handle.close();
    if (backend === 'pglite') {
      // Build the fixture in a data folder the CLI can open after we close it.
      await handle.close();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dangvu-cli-fx-'));
      const { openDatabase } = await import('../../src/db/connection.ts');
      const { migrateToLatest } = await import('../../src/db/migrate.ts');
      const h = await openDatabase({ dataDir: dir });
      await migrateToLatest(h.db);
      await seedFixture(h);
      await h.close();
      env = { DANGVU_DATA: dir };
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    } else {
      await seedFixture(handle);
      const { rows } = await (await import('kysely')).sql<{ db: string }>`SELECT current_database() AS db`.execute(handle.db);
      const host = process.env.PGHOST ?? '127.0.0.1';
      const auth = `${encodeURIComponent(process.env.PGUSER ?? 'postgres')}${process.env.PGPASSWORD ? ':' + encodeURIComponent(process.env.PGPASSWORD) : ''}`;
      env = { DATABASE_URL: host.startsWith('/') ? `postgres://${auth}@localhost:${process.env.PGPORT ?? 5432}/${rows[0]!.db}?host=${encodeURIComponent(host)}` : `postgres://${auth}@${host}:${process.env.PGPORT ?? 5432}/${rows[0]!.db}` };
    }
    try {
      const ok = dangvu(['users', 'add', '--username', 'tochuc831', '--name', 'Cán bộ Tổ chức', '--role', 'org_staff', '--unit', '831', '--password', 'mat-khau-dai'], env);
      expect(ok.err).toBe('');
      expect(ok.out).toContain('Đảng bộ huyện Châu Thành');
      const again = dangvu(['users', 'add', '--username', 'tochuc831', '--name', 'X', '--role', 'org_staff', '--unit', '831', '--password', 'mat-khau-dai'], env);
      expect(again.code).toBe(2);
      expect(again.err).toContain('username');
      const badRole = dangvu(['users', 'add', '--username', 'x1', '--name', 'X', '--role', 'boss', '--unit', '831', '--password', 'mat-khau-dai'], env);
      expect(badRole.code).toBe(2);
      expect(badRole.err).toContain('boss');
      const history = dangvu(['check', 'history'], env);
      expect(history.code).toBe(0);
      expect(history.out).toContain('khớp hoàn toàn');
      const badUnit = dangvu(['users', 'add', '--username', 'x2', '--name', 'X', '--role', 'org_staff', '--unit', '99999', '--password', 'mat-khau-dai'], env);
      expect(badUnit.code).toBe(2);
      expect(badUnit.err).toContain('99999');

    } finally {
      await cleanup();
    }
  });
});
