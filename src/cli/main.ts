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
  .description('Số đảng viên của một đơn vị tại một ngày: tổng, theo trạng thái, và từng đơn vị trực thuộc (tính từ lịch sử)')
  .requiredOption('--unit <code>', 'mã đơn vị (tính theo ngày --as-of)')
  .option('--as-of <date>', 'ngày YYYY-MM-DD (mặc định hôm nay)')
  .addOption(new Option('--format <format>', 'định dạng').choices(['json', 'xlsx']).default('json'))
  .option('--out <file>', 'ghi ra tệp')
  .action(async (opts: { unit: string; asOf?: string; format: 'json' | 'xlsx'; out?: string }) => {
    const { isIsoDate, todayIso } = await import('../domain/dates.ts');
    if (opts.asOf !== undefined && !isIsoDate(opts.asOf)) throw new CliError(`--as-of phải là ngày dạng YYYY-MM-DD, không phải "${opts.asOf}"`);
    const asOf = opts.asOf ?? todayIso();
    if (opts.format === 'xlsx' && !opts.out && process.stdout.isTTY) throw new CliError('Định dạng xlsx cần --out TỆP');
    const { memberCounts } = await import('../reports/member-counts.ts');
    await withDatabase(async (handle) => {
      const actor = await systemActor(handle.db);
      const unitId = await new UnitRepository(handle.db, actor).resolveCode(opts.unit, asOf);
      const result = await memberCounts(handle.db, actor, unitId, asOf);
      let body: string | Buffer = JSON.stringify(result, null, 2) + '\n';
      if (opts.format === 'xlsx') {
        const { toXlsx } = await import('../reports/xlsx.ts');
        body = await toXlsx([
          { name: 'Theo trạng thái', columns: [{ header: 'Trạng thái', key: 'k' }, { header: 'Số đảng viên', key: 'n' }], rows: [...Object.entries(result.byStatus).map(([k, n]) => ({ k, n })), { k: 'Tổng số', n: result.total }] },
          { name: 'Đơn vị trực thuộc', columns: [{ header: 'Mã', key: 'code' }, { header: 'Tên', key: 'name', width: 40 }, { header: 'Số đảng viên', key: 'total' }], rows: result.children },
        ]);
      }
      if (opts.out) {
        (await import('node:fs')).writeFileSync(opts.out, body);
        console.error(`Đã ghi ${opts.out}: ${result.total} đảng viên.`);
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
