// Minimal files of each accepted kind, as far as sniffing reads them (tests only).

/** A ZIP local file entry, stored (no compression): enough for the sniffer, which reads names and `mimetype`. */
function zipEntry(name: string, data: string): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(Buffer.byteLength(data), 18);
  header.writeUInt32LE(Buffer.byteLength(data), 22);
  header.writeUInt16LE(Buffer.byteLength(name), 26);
  return Buffer.concat([header, Buffer.from(name), Buffer.from(data)]);
}

const zip = (...entries: [string, string][]) => Buffer.concat(entries.map(([n, d]) => zipEntry(n, d)));
const ole2 = (stream: string) =>
  Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(504),
    Buffer.from(stream, 'utf16le'),
  ]);

export const SAMPLE_DOCUMENTS = {
  pdf: () => Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  png: () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]),
  jpeg: () =>
    Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64), Buffer.from([0xff, 0xd9])]),
  doc: () => ole2('WordDocument'),
  xls: () => ole2('Workbook'),
  docx: () => zip(['[Content_Types].xml', '<Types/>'], ['word/document.xml', '<w:document/>']),
  xlsx: () => zip(['[Content_Types].xml', '<Types/>'], ['xl/workbook.xml', '<workbook/>']),
  odt: () =>
    zip(
      ['mimetype', 'application/vnd.oasis.opendocument.text'],
      ['content.xml', '<office:document-content/>'],
    ),
  ods: () => zip(['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'], ['content.xml', '<x/>']),
  jar: () => zip(['META-INF/MANIFEST.MF', 'Manifest-Version: 1.0']),
  exe: () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(126)]),
  text: () => Buffer.from('Kế hoạch số 15-KH/HU\n', 'utf8'),
};
