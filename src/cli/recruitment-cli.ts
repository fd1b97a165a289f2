// `dangvu report resignations` and `dangvu report recruitment` (issue 10 §4, §5): thin, like main.ts.
// Bad arguments throw ValidationError, which main.ts turns into exit code 2.
import { Option, type Command } from 'commander';
import { readConfig } from '../config.ts';
import { openDatabase, type DatabaseHandle } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { systemActor } from '../db/repos/users.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { ValidationError } from '../domain/errors.ts';
import { isIsoDate, todayIso } from '../domain/dates.ts';

const bad = (field: string, message: string) => new ValidationError([{ field, code: 'invalid', message }]);

async function withDatabase<T>(fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const config = readConfig();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(handle.db);
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

async function emit(body: string | Buffer, out: string | undefined, summary: string): Promise<void> {
  if (out) {
    (await import('node:fs')).writeFileSync(out, body);
    console.error(`Đã ghi ${out}: ${summary}.`);
  } else process.stdout.write(body);
}

const needsOut = (format: string, out?: string) => {
  if (format === 'xlsx' && !out && process.stdout.isTTY) throw bad('--out', 'Định dạng xlsx cần --out TỆP');
};

export function addRecruitmentCommands(report: Command): void {
  report
    .command('resignations')
    .description('Cán bộ, công chức, viên chức xin nghỉ việc: tổng số, theo lý do, theo kết quả (ở lại, nghỉ việc, chuyển công tác), danh sách với các lần động viên')
    .requiredOption('--unit <code>', 'mã đơn vị (tính theo ngày --until)')
    .requiredOption('--since <date>', 'từ ngày YYYY-MM-DD (ngày làm đơn)')
    .option('--until <date>', 'đến ngày YYYY-MM-DD (mặc định hôm nay)')
    .addOption(new Option('--format <format>', 'định dạng').choices(['json', 'xlsx']).default('json'))
    .option('--out <file>', 'ghi ra tệp')
    .action(async (opts: { unit: string; since: string; until?: string; format: 'json' | 'xlsx'; out?: string }) => {
      for (const [name, value] of [['--since', opts.since], ['--until', opts.until]] as const) {
        if (value !== undefined && !isIsoDate(value)) throw bad(name, `phải là ngày dạng YYYY-MM-DD, không phải "${value}"`);
      }
      const until = opts.until ?? todayIso();
      if (until < opts.since) throw bad('--until', 'phải từ --since trở đi');
      needsOut(opts.format, opts.out);
      const { resignationReport } = await import('../reports/resignations.ts');
      await withDatabase(async (handle) => {
        const actor = await systemActor(handle.db);
        const unitId = await new UnitRepository(handle.db, actor).resolveCode(opts.unit, until);
        const result = await resignationReport(handle.db, actor, unitId, opts.since, until);
        const body = opts.format === 'xlsx' ? await (await import('../reports/recruitment-xlsx.ts')).resignationsXlsx(result) : JSON.stringify(result, null, 2) + '\n';
        await emit(body, opts.out, `${result.total} người xin nghỉ việc`);
      });
    });

  report
    .command('recruitment')
    .description('Phát triển đảng viên trong năm: chỉ tiêu, đã kết nạp (Biểu 2), theo nguồn, quần chúng theo bước, doanh nghiệp có lao động chưa có tổ chức đảng, từng đơn vị trực thuộc')
    .requiredOption('--unit <code>', 'mã đơn vị (tính theo ngày cuối năm)')
    .requiredOption('--year <year>', 'năm YYYY')
    .addOption(new Option('--format <format>', 'định dạng').choices(['json', 'xlsx']).default('json'))
    .option('--out <file>', 'ghi ra tệp')
    .action(async (opts: { unit: string; year: string; format: 'json' | 'xlsx'; out?: string }) => {
      if (!/^\d{4}$/.test(opts.year) || Number(opts.year) < 1930 || Number(opts.year) > 2100) throw bad('--year', `phải là năm YYYY, không phải "${opts.year}"`);
      const year = Number(opts.year);
      needsOut(opts.format, opts.out);
      const { recruitmentReport } = await import('../reports/recruitment.ts');
      await withDatabase(async (handle) => {
        const actor = await systemActor(handle.db);
        const end = `${year}-12-31` < todayIso() ? `${year}-12-31` : todayIso();
        const unitId = await new UnitRepository(handle.db, actor).resolveCode(opts.unit, end);
        const result = await recruitmentReport(handle.db, actor, unitId, year);
        const body = opts.format === 'xlsx' ? await (await import('../reports/recruitment-xlsx.ts')).recruitmentXlsx(result) : JSON.stringify(result, null, 2) + '\n';
        await emit(body, opts.out, `chỉ tiêu ${result.target ?? 'chưa đặt'}, đã kết nạp ${result.admitted}, ${result.enterprisesWithoutParty.total} doanh nghiệp chưa có tổ chức đảng`);
      });
    });
}
