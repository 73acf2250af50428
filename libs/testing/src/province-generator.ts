import type { Contact, OrgTree, OrgUnit, Person, UnitType } from '@dondoc/domain';

export interface ProvinceSize {
  level1?: number;
  grassroots?: number;
  cells?: number;
  members?: number;
  seed?: number;
}

const TERM_START = '2020-09-25';

/** Level-1 types in the proportions of a large province: mostly district committees. */
const LEVEL1_PATTERN: UnitType[] = [
  'huyen-uy',
  'huyen-uy',
  'huyen-uy',
  'thanh-uy',
  'dang-uy-khoi',
  'huyen-uy',
  'thi-uy',
  'dang-uy-truc-thuoc',
  'ban-can-su-dang',
  'dang-doan',
  'mttq',
  'to-chuc-chinh-tri-xa-hoi',
  'co-quan-bao-chi',
];
const HAS_GRASSROOTS: UnitType[] = ['huyen-uy', 'thi-uy', 'thanh-uy', 'dang-uy-khoi', 'dang-uy-truc-thuoc'];
const PREFIX: Partial<Record<UnitType, string>> = {
  'huyen-uy': 'HU',
  'thi-uy': 'TXU',
  'thanh-uy': 'TPU',
  'dang-uy-khoi': 'DUK',
  'dang-uy-truc-thuoc': 'DU',
  'ban-can-su-dang': 'BCSD',
  'dang-doan': 'DD',
  mttq: 'MTTQ',
  'to-chuc-chinh-tri-xa-hoi': 'CTXH',
  'co-quan-bao-chi': 'BC',
};

const SURNAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const MIDDLE = [
  'Văn',
  'Thị',
  'Hữu',
  'Đức',
  'Minh',
  'Thanh',
  'Quốc',
  'Ngọc',
  'Thu',
  'Xuân',
  'Hồng',
  'Công',
  'Kim',
  'Anh',
];
const GIVEN = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hiếu',
  'Hoa',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phong',
  'Phương',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Trung',
  'Tuấn',
  'Vân',
  'Yến',
];
const PLACE = [
  'Đông',
  'Tây',
  'Nam',
  'Bắc',
  'Hòa',
  'An',
  'Phú',
  'Bình',
  'Tân',
  'Yên',
  'Thịnh',
  'Lạc',
  'Xuân',
  'Phong',
  'Đại',
  'Trung',
  'Hưng',
  'Long',
  'Mỹ',
  'Quang',
  'Thuận',
  'Vĩnh',
  'Lâm',
  'Sơn',
];
const ASCII: Record<string, string> = { Đ: 'D', đ: 'd' };

/** mulberry32: small, fast and the same on every machine, so a seed names one tree forever. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[Đđ]/g, (c) => ASCII[c])
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.');
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * A province-size org tree for benchmarks, deterministic for a seed (default: 103 level-1 units,
 * 1,500 grassroots organisations, 8,000 cells, 156,000 members). Valid by the import rules; names
 * are realistic, people and addresses fictional (mailboxes on the reserved .example domain).
 */
export function generateProvince(size: ProvinceSize = {}): OrgTree {
  const { level1 = 103, grassroots = 1500, cells = 8000, members = 156000, seed = 1 } = size;
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const placeName = () => `${pick(PLACE)} ${pick(PLACE)}`;
  const head = (name: string, id: string, language: Contact['language'] = 'vi'): Contact[] => [
    { name, email: `${id.toLowerCase()}@province.example`, role: 'head', language, digest: random() < 0.2 },
  ];
  const unit = (id: string, name: string, type: UnitType, parentId: string | null): OrgUnit => ({
    id,
    name,
    type,
    parentId,
    validFrom: TERM_START,
    validTo: null,
    contacts: head(`Văn phòng ${name}`, id, random() < 0.1 ? 'en' : 'vi'),
  });

  const units: OrgUnit[] = [
    unit('TU', 'Tỉnh ủy', 'tinh-uy', null),
    unit('BTV-TU', 'Ban Thường vụ Tỉnh ủy', 'ban-thuong-vu', 'TU'),
    unit('BTG-TU', 'Ban Tuyên giáo Tỉnh ủy', 'ban-tuyen-giao', 'TU'),
  ];
  const committees: OrgUnit[] = [];
  for (let i = 0; i < level1; i++) {
    const type = LEVEL1_PATTERN[i % LEVEL1_PATTERN.length];
    const u = unit(`${PREFIX[type]}-${pad(i + 1, 3)}`, `${UNIT_NAMES[type]} ${placeName()}`, type, 'TU');
    units.push(u);
    if (HAS_GRASSROOTS.includes(type)) committees.push(u);
  }
  if (grassroots > 0 && committees.length === 0)
    throw new RangeError('grassroots units need at least one level-1 committee');

  const grassrootsCommittees: OrgUnit[] = [];
  const memberHomes: OrgUnit[] = [];
  for (let i = 0; i < grassroots; i++) {
    const parent = committees[i % committees.length];
    // About one in five grassroots organisations is a single cell (chi bộ cơ sở) without sub-cells.
    const isCell = i % 5 === 4;
    const type: UnitType = isCell ? 'chi-bo-co-so' : 'dang-bo-co-so';
    const name = isCell ? `Chi bộ cơ sở ${placeName()}` : `Đảng bộ xã ${placeName()}`;
    const u = unit(`${isCell ? 'CBCS' : 'DBCS'}-${pad(i + 1, 5)}`, name, type, parent.id);
    units.push(u);
    (isCell ? memberHomes : grassrootsCommittees).push(u);
  }
  if (cells > 0 && grassrootsCommittees.length === 0)
    throw new RangeError('cells need at least one đảng bộ cơ sở');
  for (let i = 0; i < cells; i++) {
    const parent = grassrootsCommittees[i % grassrootsCommittees.length];
    const u = unit(`CB-${pad(i + 1, 6)}`, `Chi bộ thôn ${placeName()}`, 'chi-bo', parent.id);
    units.push(u);
    memberHomes.push(u);
  }
  if (members > 0 && memberHomes.length === 0) throw new RangeError('members need at least one cell');

  const people: Person[] = [];
  const perHome = Math.ceil(members / Math.max(memberHomes.length, 1));
  for (let i = 0; i < members; i++) {
    const home = memberHomes[Math.floor(i / perHome) % memberHomes.length];
    const firstOfHome = i % perHome === 0;
    const surname = pick(SURNAMES);
    const given = pick(GIVEN);
    const name = `${surname} ${pick(MIDDLE)} ${given}`;
    const id = `DV-${pad(i + 1, 6)}`;
    people.push({
      id,
      name,
      email: random() < 0.7 ? `${slug(given)}.${slug(surname)}.${pad(i + 1, 6)}@dangvien.example` : null,
      kind: random() < 0.9 ? 'party-member' : 'cadre',
      language: random() < 0.05 ? 'en' : 'vi',
      memberships: [
        { unitId: home.id, role: firstOfHome ? 'secretary' : 'member', validFrom: TERM_START, validTo: null },
      ],
    });
  }
  return { units, people };
}

const UNIT_NAMES: Partial<Record<UnitType, string>> = {
  'huyen-uy': 'Huyện ủy',
  'thi-uy': 'Thị ủy',
  'thanh-uy': 'Thành ủy',
  'dang-uy-khoi': 'Đảng ủy Khối',
  'dang-uy-truc-thuoc': 'Đảng ủy',
  'ban-can-su-dang': 'Ban cán sự đảng Sở',
  'dang-doan': 'Đảng đoàn Hội',
  mttq: 'Ủy ban MTTQ',
  'to-chuc-chinh-tri-xa-hoi': 'Hội',
  'co-quan-bao-chi': 'Báo',
};
