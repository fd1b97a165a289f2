// The brief as a PDF in the party's document format (Hướng dẫn 36-HD/VPTW, 2018): A4, margins top and
// bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 13–14 pt. Tinos (metric-compatible with Times New
// Roman, full Vietnamese coverage, OFL) is embedded from @expo-google-fonts/tinos so the file reads the
// same on a machine without the fonts; page numbers at the top centre from the second page.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { BriefBlock, BriefDocument } from './brief-document.ts';

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf'),
  italic: require.resolve('@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf'),
};

const MM = 72 / 25.4;
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const BODY = 13;

type Doc = InstanceType<typeof PDFDocument>;

function header(doc: Doc, d: BriefDocument): void {
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  const leftWidth = width * 0.44;
  const rightX = MARGINS.left + leftWidth;
  const rightWidth = width - leftWidth;
  const top = MARGINS.top;
  let y = top;
  if (d.parentBody) {
    doc.font('regular').fontSize(13).text(d.parentBody, MARGINS.left, y, { width: leftWidth, align: 'center' });
    y = doc.y;
  }
  doc.font('bold').fontSize(13).text(d.issuingBody, MARGINS.left, y, { width: leftWidth, align: 'center' });
  doc.font('regular').fontSize(13).text('*', MARGINS.left, doc.y, { width: leftWidth, align: 'center' });
  const leftBottom = doc.y;
  const motto = 'ĐẢNG CỘNG SẢN VIỆT NAM';
  doc.font('bold').fontSize(14).text(motto, rightX, top, { width: rightWidth, align: 'center' });
  const lineWidth = doc.widthOfString(motto);
  const lineY = doc.y + 1;
  doc.moveTo(rightX + (rightWidth - lineWidth) / 2, lineY).lineTo(rightX + (rightWidth + lineWidth) / 2, lineY).lineWidth(0.6).stroke();
  doc.font('italic').fontSize(13).text(d.placeAndDate, rightX, lineY + 8, { width: rightWidth, align: 'center' });
  doc.y = Math.max(leftBottom, doc.y) + 10;
  doc.x = MARGINS.left;
}

function title(doc: Doc, d: BriefDocument): void {
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  doc.font('bold').fontSize(15).text(d.title, MARGINS.left, doc.y, { width, align: 'center' });
  doc.font('bold').fontSize(13).text(d.subtitle, MARGINS.left + 30, doc.y + 2, { width: width - 60, align: 'center' });
  const y = doc.y + 6;
  doc.moveTo(MARGINS.left + width / 2 - 40, y).lineTo(MARGINS.left + width / 2 + 40, y).lineWidth(0.6).stroke();
  doc.y = y + 8;
  doc.x = MARGINS.left;
}

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGINS.bottom) doc.addPage();
}

function table(doc: Doc, block: Extract<BriefBlock, { kind: 'table' }>): void {
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  const total = block.widths.reduce((a, b) => a + b, 0);
  const widths = block.widths.map((w) => (w / total) * width);
  const pad = 3;
  const size = 11;
  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(size);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: string[], font: string) => {
    const h = rowHeight(cells, font);
    let x = MARGINS.left;
    const y = doc.y;
    cells.forEach((c, i) => {
      doc.rect(x, y, widths[i]!, h).lineWidth(0.5).stroke();
      doc.font(font).fontSize(size).text(c, x + pad, y + pad, { width: widths[i]! - 2 * pad, align: font === 'bold' ? 'center' : 'left' });
      x += widths[i]!;
    });
    doc.y = y + h;
  };
  ensureRoom(doc, rowHeight(block.columns, 'bold') + rowHeight(block.rows[0] ?? block.columns, 'regular'));
  drawRow(block.columns, 'bold');
  for (const row of block.rows) {
    if (doc.y + rowHeight(row, 'regular') > doc.page.height - MARGINS.bottom) {
      doc.addPage();
      drawRow(block.columns, 'bold');
    }
    drawRow(row, 'regular');
  }
  doc.x = MARGINS.left;
  doc.y += 6;
}

function body(doc: Doc, blocks: BriefBlock[]): void {
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  for (const block of blocks) {
    if (block.kind === 'heading') {
      ensureRoom(doc, 3 * BODY);
      doc.font('bold').fontSize(BODY).text(block.text, MARGINS.left, doc.y + 3, { width, align: 'left' });
      doc.moveDown(0.1);
    } else if (block.kind === 'paragraph') {
      doc.font('regular').fontSize(BODY).text(block.text, MARGINS.left, doc.y, { width, align: 'justify', indent: 10 * MM, paragraphGap: 1 });
    } else if (block.kind === 'bullets') {
      for (const item of block.items) doc.font('regular').fontSize(BODY).text(`- ${item}`, MARGINS.left, doc.y, { width, align: 'justify', indent: 10 * MM, paragraphGap: 2 });
    } else table(doc, block);
  }
}

/** Where the data comes from, in the bottom margin of the page the body ends on (it must not push the body onto another page). */
function footnote(doc: Doc, text: string): void {
  const { bottom } = doc.page.margins;
  doc.page.margins.bottom = 0;
  doc.font('italic').fontSize(9).text(text, MARGINS.left, doc.page.height - bottom + 4, { width: doc.page.width - MARGINS.left - MARGINS.right, lineBreak: true });
  doc.page.margins.bottom = bottom;
}

/** The PDF bytes of the brief. */
export function briefPdf(d: BriefDocument): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: MARGINS, bufferPages: true, info: { Title: `${d.title} ${d.subtitle}`, Author: d.issuingBody, Creator: 'dangvu' } });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  doc.registerFont('italic', FONTS.italic);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  header(doc, d);
  title(doc, d);
  body(doc, d.blocks);
  footnote(doc, d.footnote);
  if (d.annex.length) {
    doc.addPage();
    doc.font('bold').fontSize(14).text('PHỤ LỤC', MARGINS.left, doc.y, { width: doc.page.width - MARGINS.left - MARGINS.right, align: 'center' });
    doc.moveDown(0.3);
    body(doc, d.annex);
  }
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.font('regular').fontSize(12).text(String(i - range.start + 1), 0, 10 * MM, { width: doc.page.width, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}
