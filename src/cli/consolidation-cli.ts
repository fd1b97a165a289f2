// `dangvu report consolidation`: the consolidation of weak units by sub-unit and year (issue 4 §5).
import fs from 'node:fs';
import { Option, type Command } from 'commander';
import type { DatabaseHandle } from '../db/connection.ts';
import { systemActor } from '../db/repos/users.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { isIsoDate, todayIso } from '../domain/dates.ts';
import { ValidationError } from '../domain/errors.ts';

type WithDatabase = <T>(fn: (handle: DatabaseHandle) => Promise<T>) => Promise<T>;

const bad = (field: string, message: string) => new ValidationError([{ field, code: 'invalid', message }], message);

export function addConsolidationCommands(report: Command, withDatabase: WithDatabase): void {
  report
    .command('consolidation')
    .description('Củng cố tổ chức đảng yếu kém theo đơn vị trực thuộc và qua các năm: số yếu kém, nhiệm vụ hoàn thành, quá hạn, đã củng cố xong; danh sách kế hoạch')
    .requiredOption('--unit <code>', 'mã đơn vị (tính theo ngày cuối năm)')
    .requiredOption('--year <year>', 'năm YYYY')
    .option('--as-of <date>', 'quá hạn tính đến ngày YYYY-MM-DD (mặc định hôm nay)')
    .addOption(new Option('--format <format>', 'định dạng').choices(['json', 'xlsx']).default('json'))
    .option('--out <file>', 'ghi ra tệp')
    .action(async (opts: { unit: string; year: string; asOf?: string; format: 'json' | 'xlsx'; out?: string }) => {
      if (!/^\d{4}$/.test(opts.year) || Number(opts.year) < 2000 || Number(opts.year) > 2100) throw bad('--year', `--year phải là năm (2000–2100), không phải "${opts.year}"`);
      if (opts.asOf !== undefined && !isIsoDate(opts.asOf)) throw bad('--as-of', `--as-of phải là ngày dạng YYYY-MM-DD, không phải "${opts.asOf}"`);
      if (opts.format === 'xlsx' && !opts.out && process.stdout.isTTY) throw bad('--out', 'Định dạng xlsx cần --out TỆP');
      const year = Number(opts.year);
      const { consolidationOverview } = await import('../reports/consolidation.ts');
      await withDatabase(async (handle) => {
        const actor = await systemActor(handle.db);
        const unitId = await new UnitRepository(handle.db, actor).resolveCode(opts.unit, `${year}-12-31`);
        const result = await consolidationOverview(handle.db, actor, unitId, year, opts.asOf ?? todayIso());
        const body = opts.format === 'xlsx' ? await (await import('../reports/consolidation-xlsx.ts')).consolidationXlsx(result) : JSON.stringify(result, null, 2) + '\n';
        if (opts.out) {
          fs.writeFileSync(opts.out, body);
          console.error(`Đã ghi ${opts.out}: ${result.total.flagged} tổ chức đảng yếu kém, ${result.total.tasksDone}/${result.total.tasks} nhiệm vụ hoàn thành, ${result.total.tasksOverdue} quá hạn, ${result.total.consolidated} đã củng cố xong.`);
        } else process.stdout.write(body);
      });
    });
}
