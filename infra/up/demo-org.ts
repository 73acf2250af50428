import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { parseOrgJson } from '@dondoc/domain';
import { OrgRepository, UnitEntity } from '@dondoc/persistence';
import { REPO_ROOT } from '../dev/repo-root';

/** The org `make up` starts with: the Bắc Ninh tree of Plan 22-KH/TU (13/8/2021). */
export const DEMO_ORG_FILE = path.join(REPO_ROOT, 'plans', 'org', 'bac-ninh-2021.json');

/**
 * On an empty database, imports the Bắc Ninh 2021 org file so the system can be tried by hand at once
 * (every contact's mail lands in the SMTP sink). A database that already has units is left alone.
 */
export async function seedDemoOrgIfEmpty(ds: DataSource): Promise<boolean> {
  if ((await ds.getRepository(UnitEntity).count()) > 0) return false;
  const tree = parseOrgJson(fs.readFileSync(DEMO_ORG_FILE, 'utf8'), DEMO_ORG_FILE);
  await new OrgRepository(ds).importTree(tree, 'replace', { source: DEMO_ORG_FILE });
  return true;
}
