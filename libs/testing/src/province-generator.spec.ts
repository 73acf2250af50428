import { createHash } from 'node:crypto';
import { serializeOrgJson, unitLevel, validateOrgTree } from '@dondoc/domain';
import { generateProvince } from './province-generator';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

describe('generateProvince', () => {
  const small = { level1: 13, grassroots: 40, cells: 120, members: 900 };

  it('builds a tree of the requested size that passes the import rules', () => {
    const tree = generateProvince(small);
    const byLevel = (level: number) => tree.units.filter((u) => unitLevel(u.type) === level).length;
    expect([byLevel(1), byLevel(2), byLevel(3), tree.people.length]).toEqual([13, 40, 120, 900]);
    expect(() => validateOrgTree(tree, 'generated')).not.toThrow();
    expect(tree.units.every((u) => u.contacts.length > 0)).toBe(true);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = serializeOrgJson(generateProvince({ ...small, seed: 7 }));
    expect(digest(serializeOrgJson(generateProvince({ ...small, seed: 7 })))).toBe(digest(a));
    expect(digest(serializeOrgJson(generateProvince({ ...small, seed: 8 })))).not.toBe(digest(a));
  });

  it('has the documented default size (103 level-1, 1,500 grassroots, 8,000 cells, 156,000 members)', () => {
    const tree = generateProvince();
    const count = (level: number) => tree.units.filter((u) => unitLevel(u.type) === level).length;
    expect([count(1), count(2), count(3), tree.people.length]).toEqual([103, 1500, 8000, 156000]);
    expect(new Set(tree.people.map((p) => p.id)).size).toBe(156000);
  });

  it('writes Vietnamese names in NFC, as an import would store them', () => {
    const tree = generateProvince(small);
    expect(tree.people.every((p) => p.name === p.name.normalize('NFC'))).toBe(true);
    expect(tree.people.some((p) => /[ăâđêôơư]/i.test(p.name))).toBe(true);
  });
});
