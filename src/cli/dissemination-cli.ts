// `dangvu report dissemination` and `dangvu report plans`: a document's dissemination coverage, and the
// adoption and reporting of its implementation plans, per direct sub-unit of a unit.
import fs from 'node:fs';
import { Option, type Command } from 'commander';
import type { DatabaseHandle } from '../db/connection.ts';
import type { Actor } from '../policies/index.ts';
import { systemActor } from '../db/repos/users.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { DocumentRepository } from '../db/repos/documents.ts';
import { isIsoDate, todayIso } from '../domain/dates.ts';
import { ValidationError } from '../domain/errors.ts';
import { parseDocumentNumber } from '../domain/documents/numbers.ts';

type WithDatabase = <T>(fn: (handle: DatabaseHandle) => Promise<T>) => Promise<T>;

const bad = (field: string, message: string) => new ValidationError([{ field, code: 'invalid', message }], message);

interface Opts { unit: string; document: string; issuer?: string; year?: string; asOf?: string; format: 'json' | 'xlsx'; out?: string }

function common(cmd: Command): Command {
  return cmd
    .requiredOption('--unit <code>', 'mã đơn vị (các đơn vị trực thuộc của nó được liệt kê)')
    .requiredOption('--document <number>', 'số hiệu văn bản, ví dụ "02-NQ/TU" (năm gần nhất nếu lặp lại)')
    .option('--issuer <code>', 'mã cấp ủy ban hành, khi nhiều cấp ủy có cùng số hiệu')
    .option('--year <year>', 'năm ban hành, khi số hiệu lặp lại qua các năm')
    .option('--as-of <date>', 'xem tại ngày YYYY-MM-DD')
    .addOption(new Option('--format <format>', 'định dạng').choices(['json', 'xlsx']).default('json'))
    .option('--out <file>', 'ghi ra tệp');
}

function check(opts: Opts): number | undefined {
  const number = parseDocumentNumber(opts.document, '--document');
  if (!number.ok) throw bad('--document', `--document: ${number.errors.map((e) => e.message).join('; ')}`);
  if (opts.year !== undefined && (!/^\d{4}$/.test(opts.year) || Number(opts.year) < 1930 || Number(opts.year) > 2100)) throw bad('--year', `--year phải là năm (1930–2100), không phải "${opts.year}"`);
  if (opts.asOf !== undefined && !isIsoDate(opts.asOf)) throw bad('--as-of', `--as-of phải là ngày dạng YYYY-MM-DD, không phải "${opts.asOf}"`);
  if (opts.format === 'xlsx' && !opts.out && process.stdout.isTTY) throw bad('--out', 'Định dạng xlsx cần --out TỆP');
  return opts.year === undefined ? undefined : Number(opts.year);
}

/** The document (latest year unless ambiguous) and the unit, its code read on the day the report looks at. */
async function resolve(handle: DatabaseHandle, actor: Actor, opts: Opts, year: number | undefined, dayOf: (coversTo: string | null) => string) {
  const { resolveDocumentNumber } = await import('../commands/dissemination.ts');
  const units = new UnitRepository(handle.db, actor);
  const issuingUnitId = opts.issuer ? await units.resolveCode(opts.issuer, opts.asOf ?? todayIso()) : undefined;
  const documentId = await resolveDocumentNumber(handle.db, actor, opts.document, { issuingUnitId, year });
  const doc = await new DocumentRepository(handle.db, actor).requireReadable(documentId);
  const asOf = opts.asOf ?? dayOf(doc.covers_to);
  return { documentId, asOf, unitId: await units.resolveCode(opts.unit, asOf) };
}

function emit(opts: Opts, body: string | Buffer, summary: string) {
  if (opts.out) {
    fs.writeFileSync(opts.out, body);
    console.error(`Đã ghi ${opts.out}: ${summary}`);
  } else process.stdout.write(body);
}

export function addDisseminationCommands(report: Command, withDatabase: WithDatabase): void {
  common(report.command('dissemination')
    .description('Học tập, quán triệt một văn bản: số hội nghị, lượt dự / phải dự; từng đơn vị trực thuộc và đã tổ chức chưa (mặc định tính đến hết thời kỳ của văn bản hoặc hôm nay)'))
    .action(async (opts: Opts) => {
      const year = check(opts);
      const { disseminationReport, defaultAsOf } = await import('../reports/dissemination.ts');
      await withDatabase(async (handle) => {
        const actor = await systemActor(handle.db);
        const { documentId, unitId, asOf } = await resolve(handle, actor, opts, year, (c) => defaultAsOf(c));
        const r = await disseminationReport(handle.db, actor, documentId, unitId, { asOf });
        const body = opts.format === 'xlsx' ? await (await import('../reports/dissemination-xlsx.ts')).disseminationXlsx(r) : JSON.stringify(r, null, 2) + '\n';
        emit(opts, body, `${r.sessions} hội nghị, ${r.attended}/${r.expected} lượt dự; ${r.notHeld.length}/${r.units.length} đơn vị trực thuộc chưa tổ chức.`);
      });
    });

  common(report.command('plans')
    .description('Kế hoạch thực hiện một văn bản của từng đơn vị trực thuộc (số, ngày, chậm hoặc chưa có) và báo cáo từng kỳ (mặc định tính đến hôm nay)'))
    .action(async (opts: Opts) => {
      const year = check(opts);
      const { plansReport, plansXlsx } = await import('../reports/plans.ts');
      await withDatabase(async (handle) => {
        const actor = await systemActor(handle.db);
        const { documentId, unitId, asOf } = await resolve(handle, actor, opts, year, () => todayIso());
        const r = await plansReport(handle.db, actor, documentId, unitId, { asOf });
        const body = opts.format === 'xlsx' ? await plansXlsx(r) : JSON.stringify(r, null, 2) + '\n';
        emit(opts, body, `${r.totals.units} đơn vị, ${r.totals.adopted} đã ban hành kế hoạch (${r.totals.adoptedLate} chậm), ${r.totals.missing} chưa có.`);
      });
    });
}
