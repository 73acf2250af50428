import { DataSource } from 'typeorm';
import { ContactEntity, UnitEntity } from '@dondoc/persistence';

export const TEST_UNIT = { id: 'HU-TIEN-DU', name: 'Huyện ủy Tiên Du', type: 'huyen-uy' };
export const TEST_BTG = { id: 'BTG-TU', name: 'Ban Tuyên giáo Tỉnh ủy', type: 'ban-tuyen-giao' };
export const TEST_GRASSROOTS = { id: 'DU-XA-LAC-VE', name: 'Đảng ủy xã Lạc Vệ', type: 'dang-bo-co-so' };
const ROOT = { id: 'TU-BAC-NINH', name: 'Tỉnh ủy Bắc Ninh', type: 'tinh-uy' };

export const TEST_MAILBOXES = {
  unitHead: 'van-phong+hu-tien-du@example.vn',
  unitOfficer: 'binh+hu-tien-du@example.vn',
  btg: 'btg@example.vn',
  grassrootsHead: 'lac-ve@example.vn',
};

/**
 * A small tree: the province, its Ban Tuyên giáo, one level-1 unit with a Vietnamese-speaking head and
 * an English-speaking officer, and one grassroots unit under it. Idempotent per database.
 */
export async function seedTestUnit(ds: DataSource, unitId = TEST_UNIT.id): Promise<ContactEntity[]> {
  const units = ds.getRepository(UnitEntity);
  const validFrom = '2020-01-01';
  if (!(await units.findOneBy({ id: ROOT.id }))) {
    await units.insert({ ...ROOT, parentId: null, validFrom, validTo: null });
    await units.insert({ ...TEST_BTG, parentId: ROOT.id, validFrom, validTo: null });
    await ds.getRepository(ContactEntity).save({
      unitId: TEST_BTG.id,
      name: 'Văn phòng Ban',
      email: TEST_MAILBOXES.btg,
      role: 'head',
      language: 'vi',
    });
  }
  await units.insert({ ...TEST_UNIT, id: unitId, parentId: ROOT.id, validFrom, validTo: null });
  const contacts = await ds.getRepository(ContactEntity).save([
    {
      unitId,
      name: 'Nguyễn Văn An',
      email: unitId === TEST_UNIT.id ? TEST_MAILBOXES.unitHead : `head+${unitId.toLowerCase()}@example.vn`,
      role: 'head',
      language: 'vi',
    },
    {
      unitId,
      name: 'Trần Thị Bình',
      email:
        unitId === TEST_UNIT.id ? TEST_MAILBOXES.unitOfficer : `officer+${unitId.toLowerCase()}@example.vn`,
      role: 'officer',
      language: 'en',
    },
  ]);
  if (unitId === TEST_UNIT.id) {
    await units.insert({ ...TEST_GRASSROOTS, parentId: unitId, validFrom, validTo: null });
    await ds.getRepository(ContactEntity).save({
      unitId: TEST_GRASSROOTS.id,
      name: 'Bí thư Đảng ủy',
      email: TEST_MAILBOXES.grassrootsHead,
      role: 'head',
      language: 'vi',
    });
  }
  return contacts;
}
