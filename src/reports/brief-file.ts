// The brief as a file, for the CLI and the API alike. The writers are loaded on first use: pdfkit and its
// font are needed only when someone asks for a PDF, not at the server's start.
import type { DelegationBrief } from './brief.ts';
import { briefDocument, type BriefDocument } from './brief-document.ts';
import { todayIso } from '../domain/dates.ts';

export async function briefFile(brief: DelegationBrief, format: 'pdf' | 'xlsx', document: BriefDocument = briefDocument(brief, todayIso())): Promise<Buffer> {
  return format === 'pdf'
    ? (await import('./brief-pdf.ts')).briefPdf(document)
    : (await import('./brief-xlsx.ts')).briefXlsx(brief, document);
}
