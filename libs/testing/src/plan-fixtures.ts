import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { parseOrgJson } from '@dondoc/domain';
import { parsePlan } from '@dondoc/domain/src/plan/plan-validate';
import { OrgRepository, PlanEntity } from '@dondoc/persistence';
import { REPO_ROOT } from '../../../infra/dev/repo-root';

export const PLAN_22_FILE = path.join(REPO_ROOT, 'plans', '22-KH-TU.yaml');
export const BAC_NINH_2021_FILE = path.join(REPO_ROOT, 'plans', 'org', 'bac-ninh-2021.json');

/** Imports the Bắc Ninh 2021 org fixture into a test database. */
export async function importBacNinh2021(ds: DataSource): Promise<void> {
  const tree = parseOrgJson(fs.readFileSync(BAC_NINH_2021_FILE, 'utf8'), BAC_NINH_2021_FILE);
  await new OrgRepository(ds).importTree(tree, 'replace');
}

/** Stores Plan 22-KH/TU as issued on its issue date (optionally only up to `until`). */
export async function storePlan22(ds: DataSource, until?: string): Promise<PlanEntity> {
  const definition = parsePlan(fs.readFileSync(PLAN_22_FILE, 'utf8'), PLAN_22_FILE);
  return ds.getRepository(PlanEntity).save({
    id: definition.id,
    number: definition.number,
    title: definition.title.vi,
    definition,
    issuedOn: definition.issueDate,
    until: until ?? null,
    status: 'issued',
    workflowId: `plan:${definition.id}`,
    cancelReason: null,
  });
}
