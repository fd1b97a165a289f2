// `dangvu restructure import FILE`: the 2025 reform from a mapping file (src/commands/reform-import.ts).
// Prints the report (problems by line, the steps, the members that move); nothing is applied with
// --dry-run, nor when the file has errors unless --apply-valid.
import fs from 'node:fs';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { systemActor } from '../db/repos/users.ts';
import { isIsoDate } from '../domain/dates.ts';
import { ValidationError } from '../domain/errors.ts';
import { REFORM_DEFAULT_DECISION } from '../domain/reform-mapping.ts';
import type { ReformImportReport } from '../commands/reform-import.ts';

type WithDatabase = <T>(fn: (handle: { db: Kysely<Database> }) => Promise<T>) => Promise<T>;

interface ImportOpts { effective: string; decision?: string; decisionDate?: string; dryRun?: boolean; applyValid?: boolean; format: string }


export function registerReformCli(restructure: Command, withDatabase: WithDatabase): void {
  restructure
    .command('import')
    .description('Nhập phương án sắp xếp đơn vị hành chính (dạng mapping_2025.csv: đơn vị cũ → đơn vị mới, tỉnh mới) và áp dụng trong một giao dịch')
    .argument('<file>', 'tệp CSV (UTF-8, UTF-8 có BOM, UTF-16 hoặc Windows-1258)')
    .requiredOption('--effective <date>', 'ngày hiệu lực YYYY-MM-DD, ví dụ 2025-07-01')
    .option('--decision <number>', `số quyết định (mặc định ${REFORM_DEFAULT_DECISION})`)
    .option('--decision-date <date>', 'ngày quyết định YYYY-MM-DD')
    .option('--dry-run', 'chỉ xem trước (chạy thử trong một giao dịch rồi hủy), không lưu')
    .option('--apply-valid', 'áp dụng các dòng hợp lệ dù có dòng lỗi')
    .option('--format <format>', 'text hoặc json', 'text')
    .action(async (file: string, opts: ImportOpts) => {
      if (!isIsoDate(opts.effective)) throw new ValidationError([{ field: '--effective', code: 'invalid_date', message: `phải là ngày YYYY-MM-DD, không phải "${opts.effective}"` }]);
      if (!['text', 'json'].includes(opts.format)) throw new ValidationError([{ field: '--format', code: 'invalid', message: `phải là text hoặc json, không phải "${opts.format}"` }]);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(fs.readFileSync(file));
      } catch (e) {
        throw new ValidationError([{ field: file, code: 'unreadable', message: `không đọc được tệp: ${(e as Error).message}` }]);
      }
      const { ReformImportService, ReformImportRefused } = await import('../commands/reform-import.ts');
      await withDatabase(async (handle) => {
        const svc = new ReformImportService(handle.db, await systemActor(handle.db));
        const input = { bytes, effectiveDate: opts.effective, decisionNumber: opts.decision ?? null, decisionDate: opts.decisionDate ?? null, applyValid: !!opts.applyValid };
        let report: ReformImportReport;
        let refused: string | null = null;
        if (opts.dryRun) report = await svc.preview(input, { rehearse: true });
        else {
          try {
            report = await svc.apply(input);
          } catch (e) {
            if (!(e instanceof ReformImportRefused)) throw e;
            report = e.report;
            refused = e.message;
          }
        }
        if (opts.format === 'json') console.log(JSON.stringify(report, null, 2));
        else printReport(report, !!opts.dryRun, refused);
        if (refused || (opts.dryRun && !report.canApply)) process.exitCode = 2;
      });
    });
}

function printReport(r: ReformImportReport, dryRun: boolean, refused: string | null): void {
  const errors = r.problems.filter((p) => p.severity === 'error');
  const warnings = r.problems.filter((p) => p.severity === 'warning');
  console.log(`Tệp ${r.encodingLabel}, ${r.summary.rows} dòng dữ liệu; hiệu lực ${r.effectiveDate}, quyết định ${r.decisionNumber}.`);
  if (r.skippedProvinces.length) console.log(`Bỏ qua ${r.skippedProvinces.reduce((n, p) => n + p.rows, 0)} dòng của ${r.skippedProvinces.length} tỉnh không có trong cơ sở dữ liệu (${r.skippedProvinces.map((p) => p.code).join(', ')}).`);
  const where = (line: number | null, column: string | null) => `${line !== null ? `dòng ${line}` : 'cơ sở dữ liệu'}${column ? ` [${column}]` : ''}`;
  if (errors.length) {
    console.log(`\n${errors.length} lỗi:`);
    for (const p of errors) console.log(`  ${where(p.line, p.column)}: ${p.message}`);
  }
  if (warnings.length) {
    console.log(`\n${warnings.length} lưu ý:`);
    for (const p of warnings) console.log(`  ${where(p.line, p.column)}: ${p.message}`);
  }
  console.log(`\n${r.steps.length} bước, ${r.summary.sourceUnits} đơn vị cấp xã cũ → ${r.summary.newUnits} đơn vị mới, ${r.summary.members} đảng viên:`);
  for (const s of r.steps) {
    const from = s.sources.length && s.kind !== 'dissolve_district' ? ` ← ${s.sources.map((x) => `${x.code} ${x.name} (${x.members})`).join(', ')}` : '';
    const carried = s.kind === 'dissolve_district' && s.sources.length ? ` (${s.sources.length} đơn vị trực thuộc chuyển về ${s.parentName})` : '';
    console.log(`  ${s.index + 1}. ${s.label}: ${s.code} ${s.name}${s.kind !== 'dissolve_district' && s.parentName ? ` → ${s.parentName}` : ''}${from}${carried}`);
  }
  if (refused) console.log(`\nKhông áp dụng: ${refused}`);
  else if (dryRun) console.log(r.canApply ? '\nChạy thử thành công; chưa lưu gì (bỏ --dry-run để áp dụng).' : '\nChạy thử: không áp dụng được (xem lỗi ở trên).');
  else console.log(`\nĐã áp dụng ${r.restructuringIds.length} thao tác sắp xếp trong một giao dịch (bản ghi #${r.restructuringIds[0]}–#${r.restructuringIds.at(-1)}).`);
}
