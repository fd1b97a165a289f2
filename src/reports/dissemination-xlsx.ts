import type { DisseminationReport } from './dissemination.ts';
import { toXlsx, type Sheet } from './xlsx.ts';
import { formatVietnameseDate } from '../domain/dates.ts';

export function disseminationSheets(r: DisseminationReport): Sheet[] {
  return [{
    name: 'Học tập, quán triệt',
    columns: [
      { header: 'Mã', key: 'code', width: 10 }, { header: 'Đơn vị', key: 'name', width: 40 }, { header: 'Số hội nghị', key: 'sessions', width: 12 },
      { header: 'Số lượt dự', key: 'attended', width: 12 }, { header: 'Số lượt phải dự', key: 'expected', width: 14 },
      { header: 'Lần gần nhất', key: 'last', width: 14 }, { header: 'Đã tổ chức', key: 'held', width: 22 },
    ],
    rows: [
      { code: r.unit.code, name: `${r.unit.name}: ${r.document.number}, tính đến ${formatVietnameseDate(r.asOf)}`, sessions: r.sessions, attended: r.attended, expected: r.expected, last: '', held: '' },
      ...r.units.map((u) => ({
        code: u.code, name: u.name, sessions: u.sessions, attended: u.attended, expected: u.expected,
        last: u.lastHeldOn ? formatVietnameseDate(u.lastHeldOn) : '', held: u.coveredBy === 'own' ? 'Có' : u.coveredBy === 'ancestor' ? 'Dự hội nghị cấp trên' : 'Chưa',
      })),
    ],
  }];
}

export const disseminationXlsx = (r: DisseminationReport): Promise<Buffer> => toXlsx(disseminationSheets(r));
