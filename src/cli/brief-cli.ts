// `dangvu report brief`: the delegation's brief (issue 10 §6) as JSON, a workbook or a PDF.
import fs from 'node:fs';
import { Option, type Command } from 'commander';
import type { DatabaseHandle } from '../db/connection.ts';
import { systemActor } from '../db/repos/users.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { formatVietnameseDate, isIsoDate, todayIso } from '../domain/dates.ts';
import { ValidationError } from '../domain/errors.ts';

type WithDatabase = <T>(fn: (handle: DatabaseHandle) => Promise<T>) => Promise<T>;

const bad = (field: string, message: string) => new ValidationError([{ field, code: 'invalid', message }], message);

interface Opts { unit: string; asOf?: string; since: string; document?: string; year?: string; format: 'json' | 'xlsx' | 'pdf'; out?: string }

function check(opts: Opts): { asOf: string; year: number | undefined } {
  const asOf = opts.asOf ?? todayIso();
  if (!isIsoDate(asOf)) throw bad('--as-of', `phải là ngày dạng YYYY-MM-DD, không phải "${opts.asOf}"`);
  if (!isIsoDate(opts.since)) throw bad('--since', `phải là ngày dạng YYYY-MM-DD, không phải "${opts.since}"`);
  if (opts.since > asOf) throw bad('--since', 'phải trước hoặc bằng --as-of');
  if (opts.year !== undefined && (!/^\d{4}$/.test(opts.year) || Number(opts.year) < 2014 || Number(opts.year) > 2100)) throw bad('--year', `phải là năm từ 2014, không phải "${opts.year}"`);
  if (opts.format !== 'json' && !opts.out && process.stdout.isTTY) throw bad('--out', `định dạng ${opts.format} cần --out TỆP`);
  return { asOf, year: opts.year === undefined ? undefined : Number(opts.year) };
}

export function addBriefCommand(report: Command, withDatabase: WithDatabase): void {
  report.command('brief')
    .description('Báo cáo phục vụ đoàn công tác: học tập nghị quyết, tổ chức đảng cần củng cố, cán bộ xin nghỉ việc, đảng viên bỏ sinh hoạt, xếp loại, phát triển đảng viên, ý kiến chỉ đạo — của một đơn vị tại một ngày')
    .requiredOption('--unit <code>', 'mã đơn vị (tính theo ngày --as-of)')
    .option('--as-of <date>', 'ngày báo cáo YYYY-MM-DD (mặc định hôm nay)')
    .requiredOption('--since <date>', 'từ ngày YYYY-MM-DD (cán bộ xin nghỉ việc, đảng viên bỏ sinh hoạt)')
    .option('--document <number>', 'nghị quyết được học tập, quán triệt, ví dụ "02-NQ/TU" (mặc định: nghị quyết còn hiệu lực được học tập nhiều nhất)')
    .option('--year <year>', 'năm đánh giá, xếp loại và phát triển đảng viên (mặc định năm trước --as-of)')
    .addOption(new Option('--format <format>', 'định dạng').choices(['json', 'xlsx', 'pdf']).default('json'))
    .option('--out <file>', 'ghi ra tệp')
    .action(async (opts: Opts) => {
      const { asOf, year } = check(opts);
      const { delegationBrief } = await import('../reports/brief.ts');
      await withDatabase(async (handle) => {
        const actor = await systemActor(handle.db);
        const unitId = await new UnitRepository(handle.db, actor).resolveCode(opts.unit, asOf);
        let documentId: number | undefined;
        if (opts.document) {
          const { resolveDocumentNumber } = await import('../commands/dissemination.ts');
          documentId = await resolveDocumentNumber(handle.db, actor, opts.document);
        }
        const brief = await delegationBrief(handle.db, actor, unitId, { asOf, since: opts.since, documentId, year });
        const body = opts.format === 'json' ? JSON.stringify(brief, null, 2) + '\n' : await (await import('../reports/brief-file.ts')).briefFile(brief, opts.format);
        if (opts.out) {
          fs.writeFileSync(opts.out, body);
          console.error(`Đã ghi ${opts.out}: ${brief.unit.name}, ngày ${formatVietnameseDate(asOf)}; ${brief.weakUnits.total} tổ chức đảng cần củng cố năm ${brief.year}, `
            + `${brief.resignations.total} cán bộ xin nghỉ việc, ${brief.attrition.total} đảng viên bỏ sinh hoạt hoặc xin ra khỏi Đảng.`);
        } else process.stdout.write(body);
      });
    });
}
