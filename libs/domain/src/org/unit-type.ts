/**
 * Kinds of node in a provincial org tree. Plans select assignees by type or level, so these ids are
 * part of the plan file format: keep them stable.
 */
export const UNIT_TYPES = {
  /** Tỉnh ủy: the provincial committee, root of the tree. */
  'tinh-uy': { level: 0, vi: 'Tỉnh ủy', en: 'Provincial Party Committee' },
  /** Bodies of the Tỉnh ủy. */
  'ban-thuong-vu': { level: 0, vi: 'Ban Thường vụ', en: 'Standing Committee' },
  'ban-tuyen-giao': { level: 0, vi: 'Ban Tuyên giáo', en: 'Propaganda Department' },
  /** Level 1: Đảng bộ trực thuộc Tỉnh ủy. */
  'huyen-uy': { level: 1, vi: 'Huyện ủy', en: 'District Party Committee' },
  'thi-uy': { level: 1, vi: 'Thị ủy', en: 'Town Party Committee' },
  'thanh-uy': { level: 1, vi: 'Thành ủy', en: 'City Party Committee' },
  'dang-uy-khoi': { level: 1, vi: 'Đảng ủy khối', en: 'Bloc Party Committee' },
  'dang-uy-truc-thuoc': {
    level: 1,
    vi: 'Đảng ủy trực thuộc',
    en: 'Party Committee directly under the province',
  },
  'ban-can-su-dang': { level: 1, vi: 'Ban cán sự đảng', en: 'Party affairs committee' },
  'dang-doan': { level: 1, vi: 'Đảng đoàn', en: 'Party delegation' },
  /** MTTQ and socio-political organisations (coordinate and supervise). */
  mttq: { level: 1, vi: 'Ủy ban Mặt trận Tổ quốc', en: 'Fatherland Front Committee' },
  'to-chuc-chinh-tri-xa-hoi': {
    level: 1,
    vi: 'Tổ chức chính trị - xã hội',
    en: 'Socio-political organisation',
  },
  /** Press agencies. */
  'co-quan-bao-chi': { level: 1, vi: 'Cơ quan báo chí', en: 'Press agency' },
  /** Level 2: tổ chức cơ sở đảng. */
  'dang-bo-co-so': { level: 2, vi: 'Đảng bộ cơ sở', en: 'Grassroots Party Committee' },
  'chi-bo-co-so': { level: 2, vi: 'Chi bộ cơ sở', en: 'Grassroots Party Cell' },
  /** Level 3: chi bộ trực thuộc đảng bộ cơ sở. */
  'chi-bo': { level: 3, vi: 'Chi bộ', en: 'Party cell' },
} as const;

export type UnitType = keyof typeof UNIT_TYPES;
export const UNIT_TYPE_IDS = Object.keys(UNIT_TYPES) as UnitType[];

export function isUnitType(t: unknown): t is UnitType {
  return typeof t === 'string' && Object.prototype.hasOwnProperty.call(UNIT_TYPES, t);
}

export function unitLevel(t: UnitType): number {
  return UNIT_TYPES[t].level;
}
