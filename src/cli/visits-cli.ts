// `dangvu report directives`: the directives of working visits a unit's subtree carries out or issued.
import { Option, type Command } from 'commander';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { systemActor } from '../db/repos/users.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { ValidationError } from '../domain/errors.ts';
import { isIsoDate, todayIso } from '../domain/dates.ts';

/** Bad arguments surface as a ValidationError, which the program maps to exit code 2. */
const bad = (field: string, message: string) => new ValidationError([{ field, code: 'invalid', message }]);

export function addVisitCommands(report: Command): void {
  report
    .command('directives')
    .description('Ý kiến chỉ đạo của các đoàn công tác, kiểm tra, giám sát mà đơn vị (và cấp dưới) thực hiện hoặc đã giao: tổng, theo trạng thái, quá hạn, danh sách')
    .requiredOption('--unit <code>', 'mã đơn vị (tính theo ngày --until, hoặc hôm nay)')
    .option('--since <date>', 'đợt công tác từ ngày YYYY-MM-DD')
    .option('--until <date>', 'đợt công tác đến ngày YYYY-MM-DD')
    .addOption(new Option('--format <format>', 'định dạng').choices(['json', 'xlsx']).default('json'))
    .option('--out <file>', 'ghi ra tệp')
    .action(async (opts: { unit: string; since?: string; until?: string; format: 'json' | 'xlsx'; out?: string }) => {
      for (const [name, value] of [['--since', opts.since], ['--until', opts.until]] as const) {
        if (value !== undefined && !isIsoDate(value)) throw bad(name, `phải là ngày dạng YYYY-MM-DD, không phải "${value}"`);
      }
      if (opts.since && opts.until && opts.until < opts.since) throw bad('--until', 'phải từ --since trở đi');
      if (opts.format === 'xlsx' && !opts.out && process.stdout.isTTY) throw bad('--out', 'định dạng xlsx cần --out TỆP');
      const { directivesReport } = await import('../reports/directives.ts');
      const config = readConfig();
      const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        await migrateToLatest(handle.db);
        const actor = await systemActor(handle.db);
        const unitId = await new UnitRepository(handle.db, actor).resolveCode(opts.unit, opts.until ?? todayIso());
        const result = await directivesReport(handle.db, actor, unitId, { since: opts.since, until: opts.until });
        const body = opts.format === 'xlsx' ? await (await import('../reports/directives-xlsx.ts')).directivesXlsx(result) : JSON.stringify(result, null, 2) + '\n';
        if (opts.out) {
          (await import('node:fs')).writeFileSync(opts.out, body);
          console.error(`Đã ghi ${opts.out}: ${result.total} ý kiến chỉ đạo, ${result.overdue} quá hạn.`);
        } else process.stdout.write(body);
      } finally {
        await handle.close();
      }
    });
}
