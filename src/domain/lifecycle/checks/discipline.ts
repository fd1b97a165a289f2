// Discipline forms by grade (rules.md §7): official members khiển trách, cảnh cáo, cách chức, khai trừ;
// probationary members only khiển trách or cảnh cáo (Charter Art. 35.2).
import type { DisciplineForm, Grade } from '../events.ts';
import { DISCIPLINE_FORM_LABELS } from '../labels.ts';
import { RULES } from '../rules.ts';
import { Findings, OK, ruleMessage, type CheckResult } from '../types.ts';

export type AnyDisciplineForm = DisciplineForm | 'expulsion';

export const DISCIPLINE_FORMS_BY_GRADE: Record<Grade, readonly AnyDisciplineForm[]> = {
  probationary: ['reprimand', 'warning'],
  official: ['reprimand', 'warning', 'dismissal_from_posts', 'expulsion'],
};

export function checkDiscipline(input: { grade: Grade; form: AnyDisciplineForm }): CheckResult {
  if (DISCIPLINE_FORMS_BY_GRADE[input.grade].includes(input.form)) return OK;
  const r = RULES.disciplineProbationary;
  const label = DISCIPLINE_FORM_LABELS[input.form];
  return new Findings().error(ruleMessage(
    r.id,
    r.source,
    `đối với đảng viên dự bị chỉ có hình thức khiển trách, cảnh cáo; không thể ${label.vi}`,
    `a probationary member can only be reprimanded or warned, not given ${label.en}`,
    { field: 'form' },
  )).result();
}
