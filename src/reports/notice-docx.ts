// The conclusion notice as a Word document in the party's format (src/domain/visits/notice-format.ts).
// No DOCX library is installed, so this writes the few OOXML parts Word needs (content types, the package
// relationship, the document) into a zip with jszip, which exceljs already brings.
import JSZip from 'jszip';
import { issuingBodyName, placeAndDate, signatureAuthority } from '../domain/visits/index.ts';

export interface NoticeDocxInput {
  number: string;
  issuedOn: string;
  place: string;
  issuerName: string;
  issuerKind: string;
  /** The organization above the issuer ("ĐẢNG BỘ TỈNH BẾN TRE" over "HUYỆN ỦY CHÂU THÀNH"); null at the top. */
  parentName: string | null;
  /** Subject line under the title, e.g. "Kết luận của đoàn công tác Tỉnh ủy tại Đảng bộ huyện Châu Thành". */
  subject: string;
  body: string;
  directives: Array<{ ordinal: number; text: string; responsible: string; deadline: string | null }>;
  recipients: string[];
  signerTitle: string;
  signerName: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface RunStyle { bold?: boolean; italic?: boolean; underline?: boolean; size?: number }
function run(text: string, st: RunStyle = {}): string {
  const props = [st.bold ? '<w:b/>' : '', st.italic ? '<w:i/>' : '', st.underline ? '<w:u w:val="single"/>' : '', `<w:sz w:val="${(st.size ?? 14) * 2}"/>`].join('');
  return `<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>${props}</w:rPr><w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}
function para(runs: string, opts: { align?: 'left' | 'center' | 'right' | 'both'; indent?: boolean; after?: number } = {}): string {
  const ind = opts.indent ? '<w:ind w:firstLine="567"/>' : '';
  return `<w:p><w:pPr><w:jc w:val="${opts.align ?? 'left'}"/>${ind}<w:spacing w:after="${opts.after ?? 60}"/></w:pPr>${runs}</w:p>`;
}
function cell(content: string, width: number): string {
  return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>${content || para('')}</w:tc>`;
}
function table(left: string, right: string): string {
  return `<w:tbl><w:tblPr><w:tblW w:w="9638" w:type="dxa"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders></w:tblPr>`
    + `<w:tblGrid><w:gridCol w:w="4300"/><w:gridCol w:w="5338"/></w:tblGrid><w:tr>${cell(left, 4300)}${cell(right, 5338)}</w:tr></w:tbl>`;
}

/** The document.xml of the notice. */
export function noticeDocumentXml(n: NoticeDocxInput): string {
  const issuer = issuingBodyName(n.issuerName, n.issuerKind);
  const header = table(
    (n.parentName ? para(run(n.parentName.toUpperCase(), { size: 14 }), { align: 'center', after: 0 }) : '')
      + para(run(issuer, { bold: true }), { align: 'center', after: 0 })
      + para(run('*'), { align: 'center', after: 0 })
      + para(run(`Số ${n.number}`), { align: 'center' }),
    para(run('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true, underline: true, size: 15 }), { align: 'center', after: 120 })
      + para(run(placeAndDate(n.place, n.issuedOn), { italic: true }), { align: 'center' }),
  );
  const title = para(run('THÔNG BÁO KẾT LUẬN', { bold: true, size: 15 }), { align: 'center', after: 0 })
    + para(run(n.subject, { bold: true }), { align: 'center', after: 0 })
    + para(run('-----'), { align: 'center', after: 200 });
  const body = n.body.split(/\n+/).map((p) => p.trim()).filter(Boolean).map((p) => para(run(p), { align: 'both', indent: true })).join('');
  const directives = n.directives.length
    ? para(run('Ý kiến chỉ đạo:', { bold: true }), { align: 'both', indent: true })
      + n.directives.map((d) => para(run(`${d.ordinal}. ${d.text} `) + run(`(Đơn vị thực hiện: ${d.responsible}${d.deadline ? `; thời hạn: ${d.deadline.split('-').reverse().join('/')}` : '; thực hiện thường xuyên'}).`, { italic: true }), { align: 'both', indent: true })).join('')
    : '';
  const signature = table(
    para(run('Nơi nhận:', { bold: true, italic: true, underline: true, size: 12 }), { after: 0 })
      + n.recipients.map((r) => para(run(`- ${r},`, { size: 12 }), { after: 0 })).join('')
      + para(run('- Lưu Văn phòng.', { size: 12 }), { after: 0 }),
    para(run(signatureAuthority(n.issuerKind), { bold: true }), { align: 'center', after: 0 })
      + para(run(n.signerTitle.toUpperCase(), { bold: true }), { align: 'center', after: 1200 })
      + para(run(n.signerName, { bold: true }), { align: 'center' }),
  );
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    + header + title + body + directives + para('') + signature
    // A4 with the margins of the guide: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
    + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>'
    + '</w:body></w:document>';
}

export async function noticeDocx(n: NoticeDocxInput): Promise<Buffer> {
  const zip = new JSZip();
  // No directory entries: some readers of OOXML packages refuse parts that are not files.
  const opts = { createFolders: false };
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    + '<Default Extension="xml" ContentType="application/xml"/>'
    + '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    + '</Types>', opts);
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    + '</Relationships>', opts);
  zip.file('word/document.xml', noticeDocumentXml(n), opts);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
