// `dangvu restructure apply-changes FILE`: a file of dated commune changes (the columns of
// ../shared/data/dvhc/bentre_changes_2017_2025.csv) applied date by date through the restructuring
// operations, as the demo applies Bến Tre's history.
import type { Command } from 'commander';
import type { DatabaseHandle } from '../db/connection.ts';
import { AppError } from '../domain/errors.ts';

type WithDatabase = <T>(fn: (handle: DatabaseHandle) => Promise<T>) => Promise<T>;

export function addHistoryCommands(restructure: Command, withDatabase: WithDatabase): void {
  restructure
    .command('apply-changes')
    .description('Áp dụng tệp thay đổi đơn vị hành chính cấp xã theo từng ngày hiệu lực (hợp nhất, sáp nhập, đổi loại); một dòng sai thì cả ngày đó không được áp dụng')
    .argument('<file>', 'tệp CSV có các cột effective_date,resolution,kind,old_unit_code,…,new_district_code,note')
    .option('--dry-run', 'chỉ xem trước (mọi ngày, ngày sau tính trên kết quả ngày trước); không lưu gì')
    .option('--until <date>', 'chỉ áp dụng các ngày đến hết ngày này (YYYY-MM-DD)')
    .option('--assume <old=new>', 'đơn vị nhận giả định cho một dòng không có đơn vị mới, ví dụ 29113=29116 (ghi vào ghi chú là giả định); lặp lại được', (v: string, prev: string[] = []) => [...prev, v])
    .option('--json', 'in kết quả dạng JSON')
    .action(async (file: string, opts: { dryRun?: boolean; until?: string; assume?: string[]; json?: boolean }) => {
      const { isIsoDate, formatVietnameseDate } = await import('../domain/dates.ts');
      if (opts.until !== undefined && !isIsoDate(opts.until)) throw new AppError('VALIDATION', `--until phải là ngày dạng YYYY-MM-DD, không phải "${opts.until}"`);
      const { applyChanges, readChangesFile } = await import('../commands/apply-changes.ts');
      const assume = new Map<string, { receiverCode: string; note: string }>();
      for (const a of opts.assume ?? []) {
        const m = /^([0-9A-Za-z._-]+)=([0-9A-Za-z._-]+)$/.exec(a.trim());
        if (!m) throw new AppError('VALIDATION', `--assume phải có dạng MÃ_CŨ=MÃ_NHẬN, không phải "${a}"`);
        assume.set(m[1]!, { receiverCode: m[2]!, note: `Giả định: nguồn không nêu đơn vị nhận ${m[1]}; chuyển về đơn vị ${m[2]} theo lựa chọn của người thực hiện.` });
      }
      const rows = readChangesFile(file);
      const { systemActor } = await import('../db/repos/users.ts');
      await withDatabase(async (handle) => {
        const outcomes = await applyChanges(handle.db, await systemActor(handle.db), rows, { dryRun: opts.dryRun, until: opts.until, assume });
        if (opts.json) return void process.stdout.write(JSON.stringify({ dryRun: !!opts.dryRun, dates: outcomes }, null, 2) + '\n');
        if (opts.dryRun) console.log('Xem trước; chưa lưu gì.');
        for (const o of outcomes) {
          const head = `${formatVietnameseDate(o.date)} (${o.resolutions.join(', ')}, ${o.rows} dòng)`;
          if (o.status === 'skipped') {
            console.log(`${head}: đã áp dụng trước đó, bỏ qua`);
            continue;
          }
          console.log(`${head}: ${o.records.length} thao tác`);
          for (const r of o.records) console.log(`  #${r.id} ${r.kindLabel}: ${r.units.filter((u) => u.role !== 'moved' && u.role !== 'parent').map((u) => `${u.code} ${u.name} [${u.role}]`).join('; ')}`);
        }
      });
    });
}
