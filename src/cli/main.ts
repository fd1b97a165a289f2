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
