// The brief as a workbook: the document's text on a first sheet, then each section's own report sheets
// (the same sheets its separate export has), numbered by part so the names stay unique.
import type { DelegationBrief } from './brief.ts';
import type { BriefDocument } from './brief-document.ts';
import { toXlsx, type Sheet } from './xlsx.ts';
import { disseminationSheets } from './dissemination-xlsx.ts';
import { evaluationSheets, weakUnitsSheets } from './evaluation-xlsx.ts';
import { recruitmentSheets, resignationsSheets } from './recruitment-xlsx.ts';
import { attritionSheets } from './attrition-xlsx.ts';
import { directivesSheets } from './directives-xlsx.ts';

function textSheet(d: BriefDocument): Sheet {
  const lines: string[] = [d.parentBody ?? '', d.issuingBody, d.placeAndDate, '', d.title, d.subtitle, ''];
  for (const b of [...d.blocks, ...d.annex]) {
    if (b.kind === 'heading' || b.kind === 'paragraph') lines.push(b.text);
    else if (b.kind === 'bullets') lines.push(...b.items.map((i) => `- ${i}`));
    else lines.push(b.columns.join(' | '), ...b.rows.map((r) => r.join(' | ')));
  }
  lines.push('', d.footnote);
  return { name: 'Báo cáo', columns: [{ header: 'Nội dung', key: 'text', width: 140 }], rows: lines.map((text) => ({ text })) };
}

export function briefXlsx(b: DelegationBrief, d: BriefDocument): Promise<Buffer> {
  const parts: Sheet[][] = [
    b.dissemination ? disseminationSheets(b.dissemination) : [],
    weakUnitsSheets(b.weakUnits),
    resignationsSheets(b.resignations),
    attritionSheets(b.attrition),
    evaluationSheets(b.evaluation),
    recruitmentSheets(b.recruitment),
    directivesSheets(b.directives),
  ];
  const numbered = parts.flatMap((sheets, i) => sheets.map((s) => ({ ...s, name: `${i + 1}. ${s.name}`.slice(0, 31) })));
  return toXlsx([textSheet(d), ...numbered]);
}
