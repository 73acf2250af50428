import { DataSource } from 'typeorm';
import { ContactEntity, UnitEntity } from '@dondoc/persistence';

/**
 * A minimal org for trying the system by hand on an empty database: the provincial committee, its
 * propaganda department and two level-1 units, each with a contact whose mail lands in the sink.
 * (The full Bắc Ninh 2021 tree is imported from plans/ once the org-tree import exists.)
 */
export async function seedDemoOrgIfEmpty(ds: DataSource): Promise<boolean> {
  const units = ds.getRepository(UnitEntity);
  if ((await units.count()) > 0) return false;
  const validFrom = '2020-10-01';
  await units.insert([
    {
      id: 'TU-BAC-NINH',
      name: 'Tỉnh ủy Bắc Ninh',
      type: 'tinh-uy',
      parentId: null,
      validFrom,
      validTo: null,
    },
  ]);
  await units.insert([
    {
      id: 'BTG-TU',
      name: 'Ban Tuyên giáo Tỉnh ủy',
      type: 'ban-tuyen-giao',
      parentId: 'TU-BAC-NINH',
      validFrom,
      validTo: null,
    },
    {
      id: 'HU-TIEN-DU',
      name: 'Huyện ủy Tiên Du',
      type: 'huyen-uy',
      parentId: 'TU-BAC-NINH',
      validFrom,
      validTo: null,
    },
    {
      id: 'TU-TP-BAC-NINH',
      name: 'Thành ủy Bắc Ninh',
      type: 'thanh-uy',
      parentId: 'TU-BAC-NINH',
      validFrom,
      validTo: null,
    },
  ]);
  await ds.getRepository(ContactEntity).insert([
    {
      unitId: 'BTG-TU',
      name: 'Văn phòng Ban Tuyên giáo',
      email: 'btg@bacninh.dondoc.local',
      role: 'head',
      language: 'vi',
    },
    {
      unitId: 'HU-TIEN-DU',
      name: 'Văn phòng Huyện ủy Tiên Du',
      email: 'vanphong@tiendu.dondoc.local',
      role: 'head',
      language: 'vi',
    },
    {
      unitId: 'HU-TIEN-DU',
      name: 'Liaison officer',
      email: 'liaison@tiendu.dondoc.local',
      role: 'officer',
      language: 'en',
    },
    {
      unitId: 'TU-TP-BAC-NINH',
      name: 'Văn phòng Thành ủy',
      email: 'vanphong@tpbacninh.dondoc.local',
      role: 'head',
      language: 'vi',
    },
  ]);
  return true;
}
