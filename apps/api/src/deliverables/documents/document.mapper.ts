import type { DocumentMeta } from '@dondoc/persistence';
import { DocumentDto } from '../dto/document.dto';

export function toDocumentDto(d: DocumentMeta): DocumentDto {
  return {
    id: d.id,
    deliverableId: d.deliverableId,
    filename: d.filename,
    contentType: d.contentType,
    size: d.size,
    sha256: d.sha256,
    uploadedAt: d.uploadedAt.toISOString(),
    url: `/deliverables/${encodeURIComponent(d.deliverableId)}/documents/${d.id}`,
  };
}

/**
 * `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>` (RFC 6266 / 8187):
 * Vietnamese names survive in every browser, old clients get a readable ASCII name.
 */
export function contentDisposition(filename: string): string {
  const fallback = filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
