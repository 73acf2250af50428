import { UnitType } from './unit-type';

/** The level-1 committees that have grassroots organisations (tổ chức cơ sở đảng) under them. */
const COMMITTEES_WITH_GRASSROOTS: readonly UnitType[] = [
  'huyen-uy',
  'thi-uy',
  'thanh-uy',
  'dang-uy-khoi',
  'dang-uy-truc-thuoc',
];

/**
 * Which parent each kind of unit may have. Plans assign obligations by level, so a unit hung at the
 * wrong level (a cell directly under the province) would silently get the wrong obligations.
 * `null` means the unit is a root.
 */
export function allowedParentTypes(type: UnitType): readonly UnitType[] | null {
  switch (type) {
    case 'tinh-uy':
      return null;
    case 'dang-bo-co-so':
    case 'chi-bo-co-so':
      return COMMITTEES_WITH_GRASSROOTS;
    case 'chi-bo':
      // Only a grassroots party committee has cells under it; a chi bộ cơ sở is itself the cell.
      return ['dang-bo-co-so'];
    default:
      // The Tỉnh ủy's own bodies and every level-1 unit hang directly under the Tỉnh ủy.
      return ['tinh-uy'];
  }
}
