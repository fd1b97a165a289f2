// `dangvu`: the operator's command line. Thin: parse arguments, call the data layer, print.
import { Command, Option } from 'commander';
import { readConfig, type Config } from '../config.ts';
import { openDatabase, type DatabaseHandle } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { AppError, ValidationError } from '../domain/errors.ts';
import { buildServer } from '../http/server.ts';
import { createUser, systemActor } from '../db/repos/users.ts';
import { UnitRepository } from '../db/repos/units.ts';
import { ROLES } from '../policies/index.ts';
import { createDemoUsers, DEMO_PASSWORD, DEMO_USERS } from '../commands/demo-users.ts';
import { registerReformCli } from './reform-cli.ts';
import { addConsolidationCommands } from './consolidation-cli.ts';
import { addDisseminationCommands } from './dissemination-cli.ts';
import { addBriefCommand } from './brief-cli.ts';
import { addVisitCommands } from './visits-cli.ts';
import { addRecruitmentCommands } from './recruitment-cli.ts';
import { addHistoryCommands } from './history-cli.ts';

/** Exit codes: 0 done, 1 failure, 2 bad input or configuration. */
class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

async function withDatabase<T>(fn: (handle: DatabaseHandle, config: Config) => Promise<T>, migrateFirst = true): Promise<T> {
  const config = readConfig();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (migrateFirst) await migrateToLatest(handle.db);
    return await fn(handle, config);
  } finally {
    await handle.close();
  }
}

// A report piped into `head` and closed early is not an error of ours: stop quietly, as Unix tools do.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const program = new Command();
program
  .name('dangvu')
  .description('Đảng vụ: công tác xây dựng Đảng, từ tỉnh đến chi bộ.\nCơ sở dữ liệu: PGlite trong DANGVU_DATA (mặc định ./data), hoặc PostgreSQL qua DATABASE_URL.')
  .showHelpAfterError()
  // Bad arguments (unknown option, invalid choice, missing value) exit with 2, like any other bad input.
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

program
  .command('serve')
  .description('Chạy máy chủ web (giao diện và API) trên http://HOST:PORT (mặc định 127.0.0.1:3000)')
  .option('--no-demo', 'không nạp dữ liệu mẫu khi cơ sở dữ liệu còn trống (hoặc DANGVU_DEMO=0)')
  .option('--port <port>', 'cổng (mặc định PORT hoặc 3000)')
  .action(async (opts: { demo: boolean; port?: string }) => {
    const config = readConfig(opts.port ? { ...process.env, PORT: opts.port } : process.env);
    const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const applied = await migrateToLatest(handle.db);
    if (applied.length) console.log(`Đã áp dụng ${applied.length} bản cập nhật cấu trúc dữ liệu: ${applied.join(', ')}`);
    const { isEmpty, loadDemoData } = await import('../commands/demo.ts');
    if (opts.demo && config.loadDemoWhenEmpty && (await isEmpty(handle))) {
      console.log('Cơ sở dữ liệu trống: đang nạp dữ liệu mẫu Đảng bộ tỉnh Bến Tre (tháng 5/2017)…');
      const summary = await loadDemoData(handle, { scale: 'province' }, (m) => console.log(`  ${m}`));
      console.log(`Đã nạp ${summary.units} đơn vị, ${summary.members} đảng viên trong ${summary.seconds.toFixed(1)} giây.`);
    }
    const { app } = await buildServer({ database: handle, logger: process.env.DANGVU_LOG === '1' });
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const users = await handle.db.selectFrom('app_user').select('username').orderBy('id').execute();
    console.log(`\ndangvu đang chạy tại http://${config.host}:${port}  (cơ sở dữ liệu: ${handle.kind === 'pglite' ? `PGlite, ${config.dataDir}` : 'PostgreSQL'})`);
    console.log(`API: http://${config.host}:${port}/api/docs`);
    if (users.some((u) => u.username === 'admin') && DEMO_USERS.length) {
      console.log(`Đăng nhập (dữ liệu mẫu): ${DEMO_USERS.map((u) => u.username).join(', ')} — mật khẩu ${DEMO_PASSWORD}`);
    } else if (users.length === 0) {
      console.log('Chưa có người dùng: tạo bằng "npx dangvu users add --username ... --role admin --unit MÃ"');
    }
    const stop = async () => {
      await app.close();
      await handle.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('Cập nhật cấu trúc cơ sở dữ liệu lên phiên bản mới nhất')
  .action(async () => {
    await withDatabase(async (handle) => {
      const applied = await migrateToLatest(handle.db);
      console.log(applied.length ? `Đã áp dụng: ${applied.join(', ')}` : 'Cấu trúc dữ liệu đã mới nhất.');
    }, false);
  });

program
  .command('demo')
  .description('Nạp dữ liệu mẫu vào cơ sở dữ liệu trống: Đảng bộ tỉnh Bến Tre tháng 5/2017, hoặc cả nước (63 tỉnh, ~5,6 triệu đảng viên)')
  .addOption(new Option('--scale <scale>', 'quy mô').choices(['province', 'country']).default('province'))
  .option('--seed <n>', 'hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu)', '2017')
  .action(async (opts: { scale: 'province' | 'country'; seed: string }) => {
    const seed = Number(opts.seed);
    if (!Number.isInteger(seed)) throw new CliError(`--seed phải là số nguyên, không phải "${opts.seed}"`);
    const { isEmpty, loadDemoData } = await import('../commands/demo.ts');
    await withDatabase(async (handle) => {
      if (!(await isEmpty(handle))) throw new CliError('Cơ sở dữ liệu đã có dữ liệu; dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống (đặt DANGVU_DATA hoặc DATABASE_URL khác).');
      const summary = await loadDemoData(handle, { scale: opts.scale, seed }, (m) => console.log(m));
      console.log(`Đã nạp ${summary.units} đơn vị, ${summary.members} đảng viên trong ${summary.seconds.toFixed(1)} giây.`);
    });
  });

const check = program.command('check').description('Kiểm tra tính nhất quán của dữ liệu');
check
  .command('history')
  .description('Tính lại quá trình của mọi đảng viên từ các sự kiện và so với dữ liệu đang lưu; thoát mã 1 nếu có sai khác')
  .option('--limit <n>', 'số sai khác in ra tối đa', '50')
  .action(async (opts: { limit: string }) => {
    const { checkHistory } = await import('../commands/check-history.ts');
    await withDatabase(async (handle) => {
      const { checked, problems } = await checkHistory(handle.db);
      for (const p of problems.slice(0, Number(opts.limit) || 50)) console.log(`#${p.memberId} ${p.fullName}: ${p.problem}`);
      console.log(`Đã kiểm tra ${checked} đảng viên: ${problems.length ? `${problems.length} sai khác` : 'khớp hoàn toàn'}.`);
      if (problems.length) process.exitCode = 1;
    });
  });

check
  .command('counts')
  .description('Đếm lại số đảng viên từ các bảng gốc và so với các số đang lưu (bảng đếm, lịch sử tại hôm nay); thoát mã 1 nếu có sai khác')
  .option('--limit <n>', 'số sai khác in ra tối đa', '50')
  .action(async (opts: { limit: string }) => {
    const { checkCounts } = await import('../commands/check-counts.ts');
    await withDatabase(async (handle) => {
      const { checkedUnits, differences } = await checkCounts(handle.db);
      for (const d of differences.slice(0, Number(opts.limit) || 50)) console.log(`${d.source}: đơn vị #${d.unitId}, ${d.status}: lưu ${d.kept}, đếm lại ${d.recounted}`);
      console.log(`Đã kiểm tra ${checkedUnits} đơn vị: ${differences.length ? `${differences.length} sai khác` : 'khớp hoàn toàn'}.`);
      if (differences.length) process.exitCode = 1;
    });
  });

const report = program.command('report').description('Báo cáo (JSON hoặc Excel); ghi ra --out nếu có, nếu không ra màn hình');
addVisitCommands(report);
addRecruitmentCommands(report);
report
  .command('attrition')
  .description('Đảng viên bỏ sinh hoạt, không đóng đảng phí, xin ra khỏi Đảng: số theo lý do, theo kết quả giải quyết, danh sách')
  .requiredOption('--unit <code>', 'mã đơn vị (tính theo ngày --until)')
  .requiredOption('--since <date>', 'từ ngày YYYY-MM-DD')
  .option('--until <date>', 'đến ngày YYYY-MM-DD (mặc định hôm nay)')
  .addOption(new Option('--format <format>', 'định dạng').choices(['json', 'xlsx']).default('json'))
  .option('--out <file>', 'ghi ra tệp')
  .action(async (opts: { unit: string; since: string; until?: string; format: 'json' | 'xlsx'; out?: string }) => {
    const { isIsoDate, todayIso } = await import('../domain/dates.ts');
    for (const [name, value] of [['--since', opts.since], ['--until', opts.until]] as const) {
      if (value !== undefined && !isIsoDate(value)) throw new CliError(`${name} phải là ngày dạng YYYY-MM-DD, không phải "${value}"`);
    }
    const until = opts.until ?? todayIso();
    if (until < opts.since) throw new CliError('--until phải từ --since trở đi');
    if (opts.format === 'xlsx' && !opts.out && process.stdout.isTTY) throw new CliError('Định dạng xlsx cần --out TỆP');
    const { attritionReport } = await import('../reports/attrition.ts');
    await withDatabase(async (handle) => {
      const actor = await systemActor(handle.db);
      const unitId = await new UnitRepository(handle.db, actor).resolveCode(opts.unit, until);
      const result = await attritionReport(handle.db, actor, unitId, opts.since, until);
      const body = opts.format === 'xlsx' ? await (await import('../reports/attrition-xlsx.ts')).attritionXlsx(result) : JSON.stringify(result, null, 2) + '\n';
      if (opts.out) {
        (await import('node:fs')).writeFileSync(opts.out, body);
        console.error(`Đã ghi ${opts.out}: ${result.total} trường hợp.`);
      } else process.stdout.write(body);
    });
  });

report
  .command('members')
  .description('Đội ngũ đảng viên của một đơn vị tại một ngày (Biểu 3): tổng, theo trạng thái, giới tính, tuổi, dân tộc, tôn giáo, trình độ, tuổi đảng, và từng đơn vị trực thuộc (tính từ lịch sử)')
  .requiredOption('--unit <code>', 'mã đơn vị (tính theo ngày --as-of)')
  .option('--as-of <date>', 'ngày YYYY-MM-DD (mặc định hôm nay)')
  .addOption(new Option('--format <format>', 'định dạng').choices(['json', 'csv', 'xlsx']).default('json'))
  .option('--out <file>', 'ghi ra tệp')
  .action(async (opts: { unit: string; asOf?: string; format: 'json' | 'csv' | 'xlsx'; out?: string }) => {
    const { isIsoDate, todayIso } = await import('../domain/dates.ts');
    if (opts.asOf !== undefined && !isIsoDate(opts.asOf)) throw new CliError(`--as-of phải là ngày dạng YYYY-MM-DD, không phải "${opts.asOf}"`);
    const asOf = opts.asOf ?? todayIso();
    if (opts.format === 'xlsx' && !opts.out && process.stdout.isTTY) throw new CliError('Định dạng xlsx cần --out TỆP');
    const { memberCounts } = await import('../reports/member-counts.ts');
    const { memberCountsCsv, memberCountsXlsx } = await import('../reports/member-counts-export.ts');
    await withDatabase(async (handle) => {
      const actor = await systemActor(handle.db);
      const unitId = await new UnitRepository(handle.db, actor).resolveCode(opts.unit, asOf);
      const result = await memberCounts(handle.db, actor, unitId, asOf);
      const body = opts.format === 'xlsx' ? await memberCountsXlsx(result) : opts.format === 'csv' ? memberCountsCsv(result) : JSON.stringify(result, null, 2) + '\n';
      if (opts.out) {
        (await import('node:fs')).writeFileSync(opts.out, body);
        console.error(`Đã ghi ${opts.out}: ${result.total} đảng viên.`);
      } else process.stdout.write(body);
    });
  });

report
  .command('movements')
  .description('Tăng, giảm đảng viên trong một kỳ (Biểu 1), so với cùng kỳ năm trước, và danh sách người (tính từ lịch sử)')
  .requiredOption('--unit <code>', 'mã đơn vị (tính theo ngày --to)')
  .requiredOption('--from <date>', 'từ ngày YYYY-MM-DD')
  .requiredOption('--to <date>', 'đến ngày YYYY-MM-DD')
  .addOption(new Option('--format <format>', 'định dạng').choices(['json', 'csv', 'xlsx']).default('json'))
  .option('--out <file>', 'ghi ra tệp')
  .action(async (opts: { unit: string; from: string; to: string; format: 'json' | 'csv' | 'xlsx'; out?: string }) => {
    const { isIsoDate } = await import('../domain/dates.ts');
    for (const [flag, value] of [['--from', opts.from], ['--to', opts.to]] as const) {
      if (!isIsoDate(value)) throw new CliError(`${flag} phải là ngày dạng YYYY-MM-DD, không phải "${value}"`);
    }
    if (opts.from > opts.to) throw new CliError('--to phải từ ngày --from trở đi');
    if (opts.format === 'xlsx' && !opts.out && process.stdout.isTTY) throw new CliError('Định dạng xlsx cần --out TỆP');
    const { movementsReport } = await import('../reports/movements.ts');
    const { movementsCsv, movementsXlsx } = await import('../reports/movements-export.ts');
    await withDatabase(async (handle) => {
      const actor = await systemActor(handle.db);
      const unitId = await new UnitRepository(handle.db, actor).resolveCode(opts.unit, opts.to);
      const result = await movementsReport(handle.db, actor, unitId, opts.from, opts.to);
      const body = opts.format === 'xlsx' ? await movementsXlsx(result) : opts.format === 'csv' ? movementsCsv(result) : JSON.stringify(result, null, 2) + '\n';
      if (opts.out) {
        (await import('node:fs')).writeFileSync(opts.out, body);
        console.error(`Đã ghi ${opts.out}: đầu kỳ ${result.opening}, tăng ${result.totalIncrease}, giảm ${result.totalDecrease}, cuối kỳ ${result.closing}.`);
      } else process.stdout.write(body);
    });
  });

function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value) || Number(value) < 2014 || Number(value) > 2100) throw new CliError(`--year phải là năm từ 2014, không phải "${value}"`);
  return Number(value);
}

report
  .command('evaluation')
  .description('Kết quả đánh giá, xếp loại chất lượng của một năm: phân bố theo đơn vị, qua các năm, danh sách không hoàn thành nhiệm vụ')
  .requiredOption('--unit <code>', 'mã đơn vị (tính theo ngày cuối năm)')
  .requiredOption('--year <year>', 'năm đánh giá YYYY')
  .addOption(new Option('--format <format>', 'định dạng').choices(['json', 'xlsx']).default('json'))
  .option('--out <file>', 'ghi ra tệp')
  .action(async (opts: { unit: string; year: string; format: 'json' | 'xlsx'; out?: string }) => {
    const year = parseYear(opts.year);
    if (opts.format === 'xlsx' && !opts.out && process.stdout.isTTY) throw new CliError('Định dạng xlsx cần --out TỆP');
    const { evaluationResults } = await import('../reports/evaluation.ts');
    await withDatabase(async (handle) => {
      const actor = await systemActor(handle.db);
      const unitId = await new UnitRepository(handle.db, actor).resolveCode(opts.unit, `${year}-12-31`);
      const result = await evaluationResults(handle.db, actor, unitId, year);
      const body = opts.format === 'xlsx' ? await (await import('../reports/evaluation-xlsx.ts')).evaluationXlsx(result) : JSON.stringify(result, null, 2) + '\n';
      if (opts.out) {
        (await import('node:fs')).writeFileSync(opts.out, body);
        console.error(`Đã ghi ${opts.out}: ${result.members.total} đảng viên, ${result.organizations.total} tổ chức đảng được xếp loại.`);
      } else process.stdout.write(body);
    });
  });

const memberCommand = program.command('member').description('Tra cứu đảng viên');
memberCommand
  .command('status')
  .description('Trạng thái và chi bộ của một đảng viên vào một ngày (tính từ lịch sử), và toàn bộ quá trình')
  .option('--id <n>', 'mã số đảng viên trong hệ thống')
  .option('--citizen-id <số>', 'số định danh cá nhân (CCCD, 12 chữ số)')
  .option('--on <date>', 'ngày YYYY-MM-DD (mặc định hôm nay)')
  .action(async (opts: { id?: string; citizenId?: string; on?: string }) => {
    const { isIsoDate, todayIso, formatVietnameseDate } = await import('../domain/dates.ts');
    if (!opts.id === !opts.citizenId) throw new CliError('Cần đúng một trong --id hoặc --citizen-id');
    if (opts.id !== undefined && !/^[1-9]\d{0,14}$/.test(opts.id)) throw new CliError(`--id phải là số nguyên dương, không phải "${opts.id}"`);
    if (opts.citizenId !== undefined && !/^\d{12}$/.test(opts.citizenId)) throw new CliError(`--citizen-id phải có 12 chữ số, không phải "${opts.citizenId}"`);
    if (opts.on !== undefined && !isIsoDate(opts.on)) throw new CliError(`--on phải là ngày dạng YYYY-MM-DD, không phải "${opts.on}"`);
    const date = opts.on ?? todayIso();
    const { MemberRepository } = await import('../db/repos/members.ts');
    const { STATUS_LABELS } = await import('../domain/lifecycle/labels.ts');
    await withDatabase(async (handle) => {
      const actor = await systemActor(handle.db);
      const found = opts.id !== undefined
        ? { id: Number(opts.id) }
        : await handle.db.selectFrom('member').select('id').where('citizen_id', '=', opts.citizenId!).executeTakeFirst();
      if (!found) throw new CliError(`Không có đảng viên nào có số định danh ${opts.citizenId}`);
      const repo = new MemberRepository(handle.db, actor);
      const member = await repo.get(found.id).catch(() => { throw new CliError(`Không có đảng viên mã số ${found.id}`); });
      const state = await repo.stateOn(found.id, date);
      const label = (status: string) => STATUS_LABELS[status as keyof typeof STATUS_LABELS]?.vi ?? status;
      console.log(`${member.fullName} (#${member.id}), ngày ${formatVietnameseDate(date)}: ${state.status ? `${label(state.status)}, ${state.unitName} (${state.unitCode})` : 'chưa có trong hồ sơ'}`);
      for (const p of await repo.periods(found.id)) {
        console.log(`  ${formatVietnameseDate(p.validFrom)} – ${p.validTo ? formatVietnameseDate(p.validTo) : 'nay'}: ${label(p.status)}, ${p.unitName}${p.decision ? ` (${p.decision})` : ''}`);
      }
    });
  });

const restructure = program.command('restructure').description('Sắp xếp tổ chức: thành lập, đổi tên, chuyển trực thuộc, hợp nhất, chia tách, giải thể (có ngày hiệu lực và số quyết định)');
registerReformCli(restructure, withDatabase);
addHistoryCommands(restructure, withDatabase);

/** The argument each field of an operation comes from, so errors name what the operator typed. */
const RESTRUCTURE_ARGS: Record<string, string> = {
  effectiveDate: '--effective', decisionNumber: '--decision', decisionDate: '--decision-date', unitId: '--unit', parentId: '--parent',
  sourceIds: '--from', targetId: '--into', target: '--into', newUnit: '--new-code/--new-name/--new-kind', name: '--name', code: '--code',
  unitKind: '--kind', membersTo: '--members-to', subUnitsTo: '--sub-units-to', sourceId: '--unit', successors: '--to/--new',
  members: '--member', subUnits: '--sub-unit', defaultSuccessor: '--default',
};
const argOf = (field: string) => RESTRUCTURE_ARGS[field.split('.')[0]!] ?? (field.startsWith('target.create') || field.startsWith('unit.') ? '--new-code/--new-name/--new-kind' : field);

interface DecisionOpts { effective: string; decision: string; decisionDate?: string; issuedBy?: string; note?: string; dryRun?: boolean; json?: boolean }
const withDecision = (c: Command) => c
  .requiredOption('--effective <date>', 'ngày hiệu lực YYYY-MM-DD (mã đơn vị được hiểu theo ngày trước đó)')
  .requiredOption('--decision <number>', 'số quyết định, ví dụ 125-QĐ/HU')
  .option('--decision-date <date>', 'ngày ký quyết định')
  .option('--issued-by <body>', 'cơ quan ban hành')
  .option('--note <text>', 'ghi chú, kể cả các giả định')
  .option('--dry-run', 'chỉ xem trước những gì sẽ thay đổi')
  .option('--json', 'in kết quả dạng JSON');

async function runRestructure(opts: DecisionOpts, build: (code: (arg: string, value: string) => Promise<number>) => Promise<Record<string, unknown>>): Promise<void> {
  const { isIsoDate, addDays, formatVietnameseDate } = await import('../domain/dates.ts');
  if (!isIsoDate(opts.effective)) throw new CliError(`--effective phải là ngày dạng YYYY-MM-DD, không phải "${opts.effective}"`);
  if (opts.decisionDate !== undefined && !isIsoDate(opts.decisionDate)) throw new CliError(`--decision-date phải là ngày dạng YYYY-MM-DD, không phải "${opts.decisionDate}"`);
  const { RestructureService } = await import('../commands/restructure.ts');
  await withDatabase(async (handle) => {
    const actor = await systemActor(handle.db);
    const units = new UnitRepository(handle.db, actor);
    // Codes name the units as they stood before the operation: the day before it takes effect.
    const before = addDays(opts.effective, -1);
    const code = async (arg: string, value: string) => {
      try {
        return await units.resolveCode(value, before);
      } catch (err) {
        throw new CliError(`${arg} ${value}: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    const input = { ...(await build(code)), effectiveDate: opts.effective, decisionNumber: opts.decision, decisionDate: opts.decisionDate ?? null, issuedBy: opts.issuedBy ?? null, note: opts.note ?? null };
    const service = new RestructureService(handle.db, actor);
    try {
      if (opts.dryRun) {
        const p = await service.preview(input as never);
        if (opts.json) return void process.stdout.write(JSON.stringify(p, null, 2) + '\n');
        console.log(`Xem trước (${p.kind}, hiệu lực ${formatVietnameseDate(p.effectiveDate)}); chưa lưu gì.`);
        for (const c of p.created) console.log(`  thành lập: ${c.code} ${c.name} (trực thuộc ${c.parentName})`);
        for (const e of p.ended) console.log(`  kết thúc:  ${e.code} ${e.name}`);
        for (const c of p.changed) console.log(`  thay đổi:  ${c.code} ${c.name}${c.newName ? ` → tên ${c.newName}` : ''}${c.newCode ? ` → mã ${c.newCode}` : ''}${c.newKind ? ` → loại ${c.newKind}` : ''}${c.newParentName ? ` → trực thuộc ${c.newParentName}` : ''}`);
        console.log(`  đảng viên chuyển theo chi bộ: ${p.membersWithSubUnits}; chuyển từng người: ${p.members.count}`);
        for (const m of p.members.sample) console.log(`    ${m.fullName}: ${m.from} → ${m.to}`);
        for (const o of p.openItems) console.log(`  ${o.label}: ${o.count}`);
        return;
      }
      const r = await service.apply(input as never);
      if (opts.json) return void process.stdout.write(JSON.stringify(r, null, 2) + '\n');
      console.log(`Đã thực hiện #${r.id}: ${r.kindLabel}, hiệu lực ${formatVietnameseDate(r.effectiveDate)}, quyết định ${r.decisionNumber}; ${r.units.length} đơn vị liên quan, ${r.memberCount} đảng viên chuyển theo sắp xếp.`);
    } catch (err) {
      if (err instanceof ValidationError) throw new CliError(err.fields.map((f) => `${argOf(f.field)}: ${f.message}`).join('; ') || err.message);
      throw err;
    }
  });
}

const splitList = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
const pair = (arg: string) => (value: string, previous: Array<[string, number]> = []) => {
  const m = /^([^=]+)=(\d+)$/.exec(value);
  if (!m) throw new CliError(`${arg} phải có dạng MÃ=SỐ (số thứ tự đơn vị kế tiếp, từ 0), không phải "${value}"`);
  return [...previous, [m[1]!, Number(m[2])] as [string, number]];
};

withDecision(restructure.command('merge').description('Hợp nhất / sáp nhập: các đơn vị --from vào đơn vị --into có sẵn, hoặc vào một đơn vị mới (--new-code, --new-name, --new-kind, --parent)'))
  .requiredOption('--from <codes>', 'mã các đơn vị bị hợp nhất, cách nhau bởi dấu phẩy', splitList)
  .option('--into <code>', 'mã đơn vị nhận (có sẵn)')
  .option('--new-code <code>', 'mã đơn vị mới (có thể là mã của một đơn vị cũ)')
  .option('--new-name <name>', 'tên đơn vị mới')
  .option('--new-kind <kind>', 'loại đơn vị mới')
  .option('--parent <code>', 'đơn vị cấp trên của đơn vị mới')
  .action(async (opts: DecisionOpts & { from: string[]; into?: string; newCode?: string; newName?: string; newKind?: string; parent?: string }) => {
    if (!opts.into && !opts.newCode) throw new CliError('Cần --into MÃ (đơn vị có sẵn) hoặc --new-code, --new-name, --new-kind, --parent (đơn vị mới)');
    if (opts.into && opts.newCode) throw new CliError('Chỉ dùng một trong --into và --new-code');
    if (opts.newCode && (!opts.newName || !opts.newKind || !opts.parent)) throw new CliError(`Đơn vị mới cần ${[!opts.newName && '--new-name', !opts.newKind && '--new-kind', !opts.parent && '--parent'].filter(Boolean).join(', ')}`);
    await runRestructure(opts, async (code) => ({
      kind: 'merge', sourceIds: await Promise.all(opts.from.map((c) => code('--from', c))),
      ...(opts.into ? { targetId: await code('--into', opts.into) } : { newUnit: { code: opts.newCode!, name: opts.newName!, kind: opts.newKind!, parentId: await code('--parent', opts.parent!) } }),
    }));
  });

withDecision(restructure.command('move').description('Chuyển đơn vị --unit sang trực thuộc --parent'))
  .requiredOption('--unit <code>', 'mã đơn vị')
  .requiredOption('--parent <code>', 'mã đơn vị cấp trên mới')
  .action(async (opts: DecisionOpts & { unit: string; parent: string }) => {
    await runRestructure(opts, async (code) => ({ kind: 'move', unitId: await code('--unit', opts.unit), parentId: await code('--parent', opts.parent) }));
  });

withDecision(restructure.command('rename').description('Đổi tên, mã hoặc loại của đơn vị --unit'))
  .requiredOption('--unit <code>', 'mã đơn vị')
  .option('--name <name>', 'tên mới')
  .option('--code <code>', 'mã mới')
  .option('--kind <kind>', 'loại mới')
  .action(async (opts: DecisionOpts & { unit: string; name?: string; code?: string; kind?: string }) => {
    if (!opts.name && !opts.code && !opts.kind) throw new CliError('Cần ít nhất một trong --name, --code, --kind');
    await runRestructure(opts, async (code) => ({ kind: 'rename', unitId: await code('--unit', opts.unit), name: opts.name ?? null, code: opts.code ?? null, unitKind: opts.kind ?? null }));
  });

withDecision(restructure.command('dissolve').description('Giải thể đơn vị --unit; đảng viên còn lại chuyển sang --members-to, đơn vị trực thuộc sang --sub-units-to (mặc định: cấp trên)'))
  .requiredOption('--unit <code>', 'mã đơn vị')
  .option('--members-to <code>', 'chi bộ nhận đảng viên')
  .option('--sub-units-to <code>', 'đơn vị nhận các đơn vị trực thuộc')
  .action(async (opts: DecisionOpts & { unit: string; membersTo?: string; subUnitsTo?: string }) => {
    await runRestructure(opts, async (code) => ({
      kind: 'dissolve', unitId: await code('--unit', opts.unit),
      membersTo: opts.membersTo ? await code('--members-to', opts.membersTo) : null, subUnitsTo: opts.subUnitsTo ? await code('--sub-units-to', opts.subUnitsTo) : null,
    }));
  });

withDecision(restructure.command('split').description('Chia tách --unit: đơn vị kế tiếp là --to MÃ (có sẵn, kể cả chính nó) và --new "MÃ|LOẠI|TÊN|MÃ CẤP TRÊN", đánh số từ 0 theo thứ tự --to rồi --new; đảng viên theo --member ID=SỐ, đơn vị trực thuộc theo --sub-unit MÃ=SỐ, còn lại theo --default SỐ'))
  .requiredOption('--unit <code>', 'mã đơn vị bị chia tách')
  .option('--to <codes>', 'mã các đơn vị kế tiếp có sẵn', splitList)
  .option('--new <spec>', 'đơn vị kế tiếp mới: "MÃ|LOẠI|TÊN|MÃ CẤP TRÊN" (lặp lại được)', (v: string, prev: string[] = []) => [...prev, v])
  .option('--member <id=n>', 'đảng viên (mã số) về đơn vị kế tiếp số n (lặp lại được)', pair('--member'))
  .option('--sub-unit <code=n>', 'đơn vị trực thuộc về đơn vị kế tiếp số n (lặp lại được)', pair('--sub-unit'))
  .option('--default <n>', 'số thứ tự đơn vị kế tiếp nhận phần còn lại')
  .action(async (opts: DecisionOpts & { unit: string; to?: string[]; new?: string[]; member?: Array<[string, number]>; subUnit?: Array<[string, number]>; default?: string }) => {
    if (opts.default !== undefined && !/^\d+$/.test(opts.default)) throw new CliError(`--default phải là số thứ tự (từ 0), không phải "${opts.default}"`);
    for (const [id] of opts.member ?? []) if (!/^\d+$/.test(id)) throw new CliError(`--member: "${id}" không phải mã số đảng viên`);
    await runRestructure(opts, async (code) => {
      const successors: Array<Record<string, unknown>> = [];
      for (const c of opts.to ?? []) successors.push({ unitId: await code('--to', c) });
      for (const spec of opts.new ?? []) {
        const parts = spec.split('|').map((p) => p.trim());
        if (parts.length !== 4 || parts.some((p) => !p)) throw new CliError(`--new phải có dạng "MÃ|LOẠI|TÊN|MÃ CẤP TRÊN", không phải "${spec}"`);
        successors.push({ code: parts[0], kind: parts[1], name: parts[2], parentId: await code('--new', parts[3]!) });
      }
      return {
        kind: 'split', sourceId: await code('--unit', opts.unit), successors,
        members: (opts.member ?? []).map(([id, n]) => ({ memberId: Number(id), successor: n })),
        subUnits: await Promise.all((opts.subUnit ?? []).map(async ([c, n]) => ({ unitId: await code('--sub-unit', c), successor: n }))),
        defaultSuccessor: opts.default !== undefined ? Number(opts.default) : null,
      };
    });
  });

withDecision(restructure.command('create').description('Thành lập đơn vị mới'))
  .requiredOption('--code <code>', 'mã')
  .requiredOption('--name <name>', 'tên')
  .requiredOption('--kind <kind>', 'loại')
  .requiredOption('--parent <code>', 'mã đơn vị cấp trên')
  .action(async (opts: DecisionOpts & { code: string; name: string; kind: string; parent: string }) => {
    await runRestructure(opts, async (code) => ({ kind: 'create', newUnit: { code: opts.code, name: opts.name, kind: opts.kind, parentId: await code('--parent', opts.parent) } }));
  });

restructure
  .command('list')
  .description('Các thao tác sắp xếp tổ chức liên quan đến một đơn vị')
  .requiredOption('--unit <code>', 'mã đơn vị (theo ngày --date)')
  .option('--date <date>', 'ngày để hiểu mã (mặc định hôm nay)')
  .option('--json', 'in dạng JSON')
  .action(async (opts: { unit: string; date?: string; json?: boolean }) => {
    const { isIsoDate, todayIso, formatVietnameseDate } = await import('../domain/dates.ts');
    if (opts.date !== undefined && !isIsoDate(opts.date)) throw new CliError(`--date phải là ngày dạng YYYY-MM-DD, không phải "${opts.date}"`);
    const { RestructureService } = await import('../commands/restructure.ts');
    await withDatabase(async (handle) => {
      const actor = await systemActor(handle.db);
      const unitId = await new UnitRepository(handle.db, actor).resolveCode(opts.unit, opts.date ?? todayIso()).catch((err: Error) => { throw new CliError(`--unit ${opts.unit}: ${err.message}`); });
      const records = await new RestructureService(handle.db, actor).list(unitId);
      if (opts.json) return void process.stdout.write(JSON.stringify(records, null, 2) + '\n');
      if (!records.length) console.log('Chưa có thao tác sắp xếp tổ chức nào.');
      for (const r of records) {
        console.log(`#${r.id} ${formatVietnameseDate(r.effectiveDate)} ${r.kindLabel} — ${r.decisionNumber}${r.undoneById ? ` (đã hủy bởi #${r.undoneById})` : ''}`);
        console.log(`   ${r.units.map((u) => `${u.code} ${u.name} [${u.role}]`).join('; ')}`);
        if (r.note) console.log(`   Ghi chú: ${r.note}`);
      }
    });
  });

report
  .command('weak-units')
  .description('Tổ chức đảng yếu kém của một năm: tổng số, theo loại đơn vị (tổ chức cơ sở đảng, chi bộ trực thuộc đảng bộ cơ sở, chi bộ trực thuộc khác), danh sách với kế hoạch củng cố')
  .requiredOption('--unit <code>', 'mã đơn vị (tính theo ngày cuối năm)')
  .requiredOption('--year <year>', 'năm YYYY')
  .addOption(new Option('--format <format>', 'định dạng').choices(['json', 'xlsx']).default('json'))
  .option('--out <file>', 'ghi ra tệp')
  .action(async (opts: { unit: string; year: string; format: 'json' | 'xlsx'; out?: string }) => {
    const year = parseYear(opts.year);
    if (opts.format === 'xlsx' && !opts.out && process.stdout.isTTY) throw new CliError('Định dạng xlsx cần --out TỆP');
    const { WeakUnitService } = await import('../commands/weak-units.ts');
    await withDatabase(async (handle) => {
      const actor = await systemActor(handle.db);
      const unitId = await new UnitRepository(handle.db, actor).resolveCode(opts.unit, `${year}-12-31`);
      const result = await new WeakUnitService(handle.db, actor).report(unitId, year);
      const body = opts.format === 'xlsx' ? await (await import('../reports/evaluation-xlsx.ts')).weakUnitsXlsx(result) : JSON.stringify(result, null, 2) + '\n';
      if (opts.out) {
        (await import('node:fs')).writeFileSync(opts.out, body);
        console.error(`Đã ghi ${opts.out}: ${result.total} tổ chức đảng yếu kém.`);
      } else process.stdout.write(body);
    });
  });

report
  .command('implementation')
  .description('Theo dõi thực hiện một văn bản: từng đơn vị cấp dưới đã ban hành kế hoạch (ngày), đã báo cáo kỳ, chậm')
  .requiredOption('--document <number>', 'số hiệu văn bản, ví dụ "02-NQ/TU"')
  .requiredOption('--period <period>', 'kỳ báo cáo: 2017-Q1 (quý), 2017-H1 (6 tháng) hoặc 2017 (năm)')
  .option('--unit <code>', 'chỉ các đơn vị thuộc đơn vị này (mã)')
  .option('--issuer <code>', 'mã cấp ủy ban hành, khi nhiều cấp ủy có cùng số hiệu')
  .option('--year <year>', 'năm ban hành, khi số hiệu lặp lại qua các năm')
  .option('--depth <n>', 'số cấp dưới cấp ủy ban hành (mặc định 1: cấp ủy trực thuộc)', '1')
  .option('--as-of <date>', 'xem tại ngày YYYY-MM-DD (mặc định hôm nay)')
  .addOption(new Option('--format <format>', 'định dạng').choices(['json', 'xlsx']).default('json'))
  .option('--out <file>', 'ghi ra tệp')
  .action(async (opts: { document: string; period: string; unit?: string; issuer?: string; year?: string; depth: string; asOf?: string; format: 'json' | 'xlsx'; out?: string }) => {
    const { isIsoDate, todayIso, formatVietnameseDate } = await import('../domain/dates.ts');
    const { parseDocumentNumber } = await import('../domain/documents/numbers.ts');
    const { parsePeriod } = await import('../domain/documents/periods.ts');
    const number = parseDocumentNumber(opts.document, '--document');
    if (!number.ok) throw new CliError(`--document: ${number.errors.map((e) => e.message).join('; ')}`);
    const period = parsePeriod(opts.period, '--period');
    if (!period.ok) throw new CliError(`--period: ${period.errors[0]!.message}`);
    const depth = Number(opts.depth);
    if (!Number.isInteger(depth) || depth < 1 || depth > 6) throw new CliError(`--depth phải là số nguyên từ 1 đến 6, không phải "${opts.depth}"`);
    const year = opts.year === undefined ? undefined : Number(opts.year);
    if (year !== undefined && (!Number.isInteger(year) || year < 1930 || year > 2100)) throw new CliError(`--year phải là năm (1930–2100), không phải "${opts.year}"`);
    if (opts.asOf !== undefined && !isIsoDate(opts.asOf)) throw new CliError(`--as-of phải là ngày dạng YYYY-MM-DD, không phải "${opts.asOf}"`);
    const asOf = opts.asOf ?? todayIso();
    if (opts.format === 'xlsx' && !opts.out && process.stdout.isTTY) throw new CliError('Định dạng xlsx cần --out TỆP');
    const { DocumentRepository } = await import('../db/repos/documents.ts');
    const { followUp } = await import('../reports/implementation.ts');
    const { followUpXlsx } = await import('../reports/implementation-xlsx.ts');
    await withDatabase(async (handle) => {
      const actor = await systemActor(handle.db);
      const units = new UnitRepository(handle.db, actor);
      const issuingUnitId = opts.issuer ? await units.resolveCode(opts.issuer, asOf) : undefined;
      const unitId = opts.unit ? await units.resolveCode(opts.unit, asOf) : undefined;
      const found = await new DocumentRepository(handle.db, actor).findByNumber(number.value.text, { issuingUnitId, year });
      if (!found.length) throw new CliError(`Không tìm thấy văn bản số ${number.value.text}${year ? ` năm ${year}` : ''}`);
      if (found.length > 1) {
        throw new CliError(`Có ${found.length} văn bản số ${number.value.text}; chọn bằng --issuer MÃ hoặc --year:\n${found.map((d) => `  ${d.number} ngày ${formatVietnameseDate(d.issuedOn)} — ${d.issuingUnitName}`).join('\n')}`);
      }
      const result = await followUp(handle.db, actor, found[0]!.id, { period: period.value.code, depth, unitId, asOf });
      const body = opts.format === 'xlsx' ? await followUpXlsx(result) : JSON.stringify(result, null, 2) + '\n';
      if (opts.out) {
        (await import('node:fs')).writeFileSync(opts.out, body);
        console.error(`Đã ghi ${opts.out}: ${result.totals.units} đơn vị, ${result.totals.adopted} đã ban hành kế hoạch, ${result.totals.reported} đã báo cáo, ${result.totals.late} chậm.`);
      } else process.stdout.write(body);
    });
  });

restructure
  .command('undo')
  .description('Hủy một thao tác sắp xếp tổ chức (bằng thao tác ngược lại)')
  .requiredOption('--id <n>', 'số thứ tự thao tác (xem restructure list)')
  .option('--note <text>', 'lý do hủy')
  .action(async (opts: { id: string; note?: string }) => {
    if (!/^\d+$/.test(opts.id)) throw new CliError(`--id phải là số, không phải "${opts.id}"`);
    const { RestructureService } = await import('../commands/restructure.ts');
    await withDatabase(async (handle) => {
      const r = await new RestructureService(handle.db, await systemActor(handle.db)).undo(Number(opts.id), { note: opts.note ?? null });
      console.log(`Đã hủy #${opts.id} (bản ghi hủy #${r.id}).`);
    });
  });

addConsolidationCommands(report, withDatabase);
addDisseminationCommands(report, withDatabase);
addBriefCommand(report, withDatabase);

const users = program.command('users').description('Quản lý người dùng');
users
  .command('add')
  .description('Tạo người dùng; mật khẩu lấy từ --password hoặc biến môi trường DANGVU_PASSWORD')
  .requiredOption('--username <name>', 'tên đăng nhập')
  .requiredOption('--name <fullName>', 'họ và tên')
  .addOption(new Option('--role <role>', 'vai trò').choices([...ROLES]).makeOptionMandatory())
  .requiredOption('--unit <code>', 'mã đơn vị phạm vi (người dùng chỉ thấy đơn vị này và cấp dưới)')
  .option('--password <password>', 'mật khẩu (ít nhất 8 ký tự)')
  .action(async (opts: { username: string; name: string; role: string; unit: string; password?: string }) => {
    const password = opts.password ?? process.env.DANGVU_PASSWORD;
    if (!password) throw new CliError('Thiếu mật khẩu: dùng --password hoặc đặt DANGVU_PASSWORD');
    await withDatabase(async (handle) => {
      const actor = await systemActor(handle.db);
      const unitId = await new UnitRepository(handle.db, actor).resolveCode(opts.unit);
      const user = await createUser(handle.db, actor, { username: opts.username, fullName: opts.name, password, role: opts.role, scopeUnitId: unitId });
      console.log(`Đã tạo người dùng ${user.username} (${user.role}) phạm vi ${user.scopeUnitName}.`);
    });
  });
users
  .command('demo')
  .description('Tạo các người dùng mẫu (mỗi vai trò một người)')
  .action(async () => {
    await withDatabase(async (handle) => {
      const n = await createDemoUsers(handle.db);
      console.log(`Đã tạo ${n} người dùng mẫu, mật khẩu ${DEMO_PASSWORD}.`);
    });
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof CliError) {
    console.error(`Lỗi: ${err.message}`);
    process.exit(err.exitCode);
  }
  if (err instanceof ValidationError) {
    console.error(`Lỗi: ${err.fields.map((f) => `${f.field}: ${f.message}`).join('; ') || err.message}`);
    process.exit(2);
  }
  if (err instanceof AppError) {
    console.error(`Lỗi: ${err.message}`);
    process.exit(err.code === 'DATABASE_UNAVAILABLE' ? 1 : 2);
  }
  console.error(`Lỗi: ${err instanceof Error ? err.message : String(err)}`);
  if (process.env.DANGVU_DEBUG) console.error(err);
  process.exit(1);
});
