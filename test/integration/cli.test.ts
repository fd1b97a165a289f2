// The command line as an operator runs it: real processes, real databases, bad input included.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from './helpers.ts';
import { cliDatabase, dangvu } from './cli-harness.ts';
import { seedFixture } from './fixtures.ts';


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
    const { env, tamper, cleanup } = await cliDatabase(seedFixture);
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
      const tam = dangvu(['member', 'status', '--citizen-id', '083070001234'], env);
      expect(tam.code, tam.err).toBe(0);
      expect(tam.out).toMatch(/^Trần Ngọc Tâm \(#\d+\), ngày \d\d\/\d\d\/\d{4}: đảng viên chính thức, Chi bộ/);
      const early = dangvu(['member', 'status', '--citizen-id', '083070001234', '--on', '1960-01-01'], env);
      expect(early.out).toContain('ngày 01/01/1960: chưa có trong hồ sơ');
      for (const bad of [['--id', 'abc'], ['--id', '1', '--citizen-id', '083070001234'], ['--citizen-id', '083070001234', '--on', '31/12/2020'], ['--citizen-id', '999999999999']]) {
        const r = dangvu(['member', 'status', ...bad], env);
        expect(r.code, bad.join(' ')).toBe(2);
        expect(r.err).toMatch(/^Lỗi: /);
      }
      const counts = dangvu(['check', 'counts'], env);
      expect(counts.code, counts.err).toBe(0);
      expect(counts.out).toContain('khớp hoàn toàn');
      const csv = dangvu(['report', 'members', '--unit', '831', '--format', 'csv'], env);
      expect(csv.code, csv.err).toBe(0);
      expect(csv.out).toMatch(/Tổng số,\d+/);
      const badFormat = dangvu(['report', 'members', '--unit', '831', '--format', 'pdf'], env);
      expect(badFormat.code).toBe(2);
      expect(badFormat.err).toContain('pdf');
      // A hand edit of the kept counts is caught, naming the unit and both numbers.
      await tamper(`UPDATE unit_member_count SET n = n + 1 WHERE unit_id = (SELECT min(unit_id) FROM unit_member_count WHERE n > 0) AND status = 'official'`);
      const wrong = dangvu(['check', 'counts'], env);
      expect(wrong.code).toBe(1);
      expect(wrong.out).toMatch(/unit_member_count: đơn vị #\d+, official: lưu \d+, đếm lại \d+/);
      const badUnit = dangvu(['users', 'add', '--username', 'x2', '--name', 'X', '--role', 'org_staff', '--unit', '99999', '--password', 'mat-khau-dai'], env);
      expect(badUnit.code).toBe(2);
      expect(badUnit.err).toContain('99999');
      // The evaluation reports on the backend under test (the fixture has no ratings or weak units yet).
      const weak = dangvu(['report', 'weak-units', '--unit', '831', '--year', '2016'], env);
      expect(weak.code).toBe(0);
      expect(JSON.parse(weak.out)).toMatchObject({ year: 2016, total: 0, byKind: { grassroots: 0, cell_of_grassroots_committee: 0, cell_other: 0 }, units: [] });
      const results = dangvu(['report', 'evaluation', '--unit', '831', '--year', '2024'], env);
      expect(results.code).toBe(0);
      expect(JSON.parse(results.out)).toMatchObject({ ruleSet: { id: 'qd124' }, members: { total: 0 } });
      const badYear = dangvu(['report', 'evaluation', '--unit', '831', '--year', '2013'], env);
      expect(badYear.code).toBe(2);
      expect(badYear.err).toContain('--year');
    } finally {
      await cleanup();
    }
  }, 300_000);
});
