// Real files for the chat upload caps, made in the test: a big xlsx (exceljs, incompressible
// cells), a zip bomb (a tiny xlsx whose sheet unpacks to tens of MB, optionally under-declared in
// its central directory) and a CSV with too many rows.
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { AUTH_HEADERS } from './support';

/** An authorization workbook of at least `bytes`, of random text that does not compress. */
export async function bigXlsx(bytes: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('代理授权');
  ws.addRow([...AUTH_HEADERS]);
  // ~1.1 KB of zipped xlsx per row (random base64 packs to ~3/4).
  const rows = Math.ceil(bytes / 1100);
  for (let i = 0; i < rows; i++) ws.addRow(AUTH_HEADERS.map(() => randomBytes(110).toString('base64')));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A customer CSV with `rows` data rows. */
export function csvRows(rows: number): Buffer {
  const lines = ['公司全称,联系人,手机,负责人'];
  for (let i = 0; i < rows; i++) lines.push(`测试公司${i}有限公司,张伟,1380000${String(i).padStart(4, '0')},alice`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

/**
 * An xlsx whose one sheet unpacks to `unpackedBytes` (a few long rows of one letter) and packs to
 * a few tens of KB. With `declare: 'lie'` its central directory claims 1 KB per entry.
 */
export function zipBombXlsx(unpackedBytes: number, opts: { declare?: 'truth' | 'lie' } = {}): Buffer {
  const rows = 40;
  const cell = 'A'.repeat(Math.ceil(unpackedBytes / rows));
  const sheet = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    `<row r="1"><c r="A1" t="inlineStr"><is><t>公司全称</t></is></c></row>`,
    ...Array.from({ length: rows }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>${cell}</t></is></c></row>`),
    '</sheetData></worksheet>',
  ].join('');
  return zip(
    [
      ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'],
      ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
      ['xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="客户" sheetId="1" r:id="rId1"/></sheets></workbook>'],
      ['xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'],
      ['xl/worksheets/sheet1.xml', sheet],
    ],
    opts.declare ?? 'truth',
  );
}

/** A deflated zip (local headers, central directory, end record). */
function zip(entries: [string, string][], declare: 'truth' | 'lie'): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text);
    const packed = zlib.deflateRawSync(data, { level: 1 });
    const nameBytes = Buffer.from(name);
    const size = declare === 'lie' ? Math.min(1024, data.length) : data.length;
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
