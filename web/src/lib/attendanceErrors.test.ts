import { describe, expect, it } from 'vitest';
import { attendanceRowErrors } from './attendanceErrors.ts';

describe('attendanceRowErrors', () => {
  const posted = [{ memberId: 11 }, { memberId: 12 }, { memberId: 13 }, { memberId: 14 }];
  it("puts an indexed error on the member posted at that index, and keeps the others", () => {
    const r = attendanceRowErrors([
      { field: 'attendance.3.absenceReason', code: 'required', message: 'Cần lý do vắng mặt' },
      { field: 'attendance.1.memberId', code: 'not_on_roll', message: 'Không có trong danh sách' },
      { field: 'attendance.1.absenceReason', code: 'required', message: 'Cần lý do vắng mặt' },
      { field: 'attendance', code: 'both', message: 'Không cả hai' },
      { field: 'attendance.9.memberId', code: 'not_on_roll', message: 'Ngoài danh sách gửi' },
      { field: 'heldOn', code: 'future', message: 'Ngày tổ chức không thể sau hôm nay' },
    ], posted);
    expect([...r.byMember]).toEqual([[14, ['Cần lý do vắng mặt']], [12, ['Không có trong danh sách', 'Cần lý do vắng mặt']]]);
    expect(r.rest.map((f) => f.field)).toEqual(['attendance', 'attendance.9.memberId', 'heldOn']);
  });
});
