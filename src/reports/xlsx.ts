// Spreadsheet export shared by every report: sheets of rows with Vietnamese headers.
import ExcelJS from 'exceljs';

export interface Sheet {
  name: string;
  columns: Array<{ header: string; key: string; width?: number }>;
  rows: ReadonlyArray<object>;
}

export async function toXlsx(sheets: Sheet[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'dangvu';
  for (const s of sheets) {
    const sheet = book.addWorksheet(s.name.slice(0, 31));
    sheet.columns = s.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 18 }));
    sheet.getRow(1).font = { bold: true };
    sheet.addRows([...s.rows]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
