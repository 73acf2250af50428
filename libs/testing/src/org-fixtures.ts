import { DataSource } from 'typeorm';
import { ContactEntity, UnitEntity } from '@dondoc/persistence';

export const TEST_UNIT = { id: 'HU-TIEN-DU', name: 'Huyện ủy Tiên Du', type: 'huyen-uy' };

/** One level-1 unit with a Vietnamese- and an English-speaking contact. */
export async function seedTestUnit(ds: DataSource, unitId = TEST_UNIT.id): Promise<ContactEntity[]> {
  await ds
    .getRepository(UnitEntity)
    .insert({ ...TEST_UNIT, id: unitId, parentId: null, validFrom: '2020-01-01', validTo: null });
  return ds.getRepository(ContactEntity).save([
    {
      unitId,
      name: 'Nguyễn Văn An',
      email: `van-phong+${unitId.toLowerCase()}@example.vn`,
      role: 'head',
      language: 'vi',
    },
    {
      unitId,
      name: 'Trần Thị Bình',
      email: `binh+${unitId.toLowerCase()}@example.vn`,
      role: 'officer',
      language: 'en',
    },
  ]);
}
