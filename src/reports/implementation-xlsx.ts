// The follow-up table as a spreadsheet (API ?format=xlsx and `dangvu report implementation --format xlsx`).
import { formatVietnameseDate } from '../domain/dates.ts';
import { PLAN_STATE_VI, REPORT_STATE_VI, type FollowUp } from './implementation.ts';
import { toXlsx } from './xlsx.ts';

export async function followUpXlsx(f: FollowUp): Promise<Buffer> {
  return toXlsx([{
    name: `${f.document.number} ${f.period.code}`.replace(/[/\\?*[\]:]/g, '-'),
    columns: [
      { header: 'Mã', key: 'code', width: 10 }, { header: 'Đơn vị', key: 'name', width: 36 }, { header: 'Trực thuộc', key: 'parentName', width: 30 },
      { header: 'Kế hoạch', key: 'planNumber', width: 14 }, { header: 'Ngày ban hành', key: 'adopted', width: 14 }, { header: 'Tình trạng kế hoạch', key: 'plan', width: 26 },
      { header: 'Nhiệm vụ đã báo cáo', key: 'tasks', width: 14 }, { header: `Báo cáo kỳ ${f.period.code}`, key: 'report', width: 24 }, { header: 'Chậm', key: 'late', width: 8 },
    ],
    rows: f.rows.map((r) => ({
      code: r.code, name: r.name, parentName: r.parentName, planNumber: r.planNumber ?? '', adopted: r.planAdoptedOn ? formatVietnameseDate(r.planAdoptedOn) : '',
      plan: PLAN_STATE_VI[r.plan], tasks: r.planId ? `${r.reportedTasks}/${r.tasks}` : '', report: REPORT_STATE_VI[r.report], late: r.late ? 'x' : '',
    })),
  }]);
}
