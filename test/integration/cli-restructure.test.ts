// `dangvu restructure` as an operator runs it: a dry run changes nothing, bad input names the argument,
// codes are read as of the day before the effective date, and the history and counts stay consistent.
import { describe, expect, it } from 'vitest';
import { backend } from './helpers.ts';
import { cliDatabase, dangvu } from './cli-harness.ts';
import { seedFixture } from './fixtures.ts';


describe(`CLI restructure (${backend})`, () => {
  it('previews, refuses bad input naming the argument, merges, dissolves and lists', { timeout: 400_000 }, async () => {
    const { env, cleanup } = await cliDatabase(seedFixture);
    try {
      const merge = ['restructure', 'merge', '--from', '28834', '--into', '28861', '--effective', '2024-12-01', '--decision', '125-QĐ/HU', '--note', 'Giả định: chi bộ giữ nguyên'];
      const dry = dangvu([...merge, '--dry-run'], env);
      expect(dry.err).toBe('');
      expect(dry.out).toContain('chưa lưu gì');
      expect(dry.out).toContain('kết thúc:  28834 Đảng bộ xã Thành Triệu');
      expect(dry.out).toContain('28834.01 Chi bộ ấp Thành Triệu → trực thuộc Đảng bộ xã Tiên Thủy');
      // Checked before the database is opened.
      const badDate = dangvu(['restructure', 'merge', '--from', '28834', '--into', '28861', '--effective', '2024-13-01', '--decision', '125-QĐ/HU'], env);
      expect(badDate.code).toBe(2);
      expect(badDate.err).toContain('--effective');
      const noTarget = dangvu(['restructure', 'merge', '--from', '28834', '--effective', '2024-12-01', '--decision', '125-QĐ/HU'], env);
      expect(noTarget.code).toBe(2);
      expect(noTarget.err).toContain('--into');
      const badDecision = dangvu(['restructure', 'merge', '--from', '28834', '--into', '28861', '--effective', '2024-12-01', '--decision', 'số 5'], env);
      expect(badDecision.code).toBe(2);
      expect(badDecision.err).toContain('--decision: Số quyết định');
      const early = dangvu(['restructure', 'merge', '--from', '28834', '--into', '28861', '--effective', '2010-01-01', '--decision', '125-QĐ/HU'], env);
      expect(early.code).toBe(2);
      expect(early.err).toContain('--from 28834: Ngày 31/12/2009 không có đơn vị nào mang mã 28834');
      const done = dangvu(merge, env);
      expect(done.err).toBe('');
      expect(done.out).toMatch(/Đã thực hiện #\d+: hợp nhất, sáp nhập, hiệu lực 01\/12\/2024/);
      const dissolve = dangvu(['restructure', 'dissolve', '--unit', '28861.02', '--effective', '2024-12-02', '--decision', '126-QĐ/HU'], env);
      expect(dissolve.code).toBe(2);
      expect(dissolve.err).toContain('--members-to: Chi bộ ấp Tiên Thủy 2 còn 1 đảng viên');
      expect(dangvu(['restructure', 'dissolve', '--unit', '28861.02', '--members-to', '28861.01', '--effective', '2024-12-02', '--decision', '126-QĐ/HU'], env).out).toContain('1 đảng viên chuyển');
      const listed = dangvu(['restructure', 'list', '--unit', '28834', '--date', '2024-11-30'], env);
      expect(listed.out).toContain('125-QĐ/HU');
      expect(listed.out).toContain('Ghi chú: Giả định: chi bộ giữ nguyên');
      const checked = dangvu(['check', 'history'], env);
      expect(checked.code).toBe(0);
      const report = JSON.parse(dangvu(['report', 'members', '--unit', '831', '--as-of', '2024-11-30'], env).out);
      expect(report.children.map((c: { code: string; total: number }) => [c.code, c.total])).toEqual([['28834', 1], ['28861', 3]]);
    } finally {
      await cleanup();
    }
  });
});
