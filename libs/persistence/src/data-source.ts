import { DataSource } from 'typeorm';
import { ContactEntity } from './entities/contact.entity';
import { DeliverableEntity } from './entities/deliverable.entity';
import { OutboxEntity } from './entities/outbox.entity';
import { UnitEntity } from './entities/unit.entity';
import { InitialSchema1764288000000 } from './migrations/1764288000000-initial-schema';
import { DeliverableLifecycle1764300000000 } from './migrations/1764300000000-deliverable-lifecycle';
import { DeliverableEventEntity } from './entities/deliverable-event.entity';
import { MembershipEntity } from './entities/membership.entity';
import { PersonEntity } from './entities/person.entity';
import { OrgTree1764400000000 } from './migrations/1764400000000-org-tree';
import { Plans1764500000000 } from './migrations/1764500000000-plans';
import { PlanEntity } from './entities/plan.entity';
import { PlanAmendmentEntity } from './entities/plan-amendment.entity';
import { DocumentEntity } from './entities/document.entity';
import { PlanApiDocuments1764600000000 } from './migrations/1764600000000-plan-api-documents';
import { ReportedIssues1764700000000 } from './migrations/1764700000000-reported-issues';
import { ReportedIssueEntity } from './entities/reported-issue.entity';
import { ReportedIssueEventEntity } from './entities/reported-issue-event.entity';
import { ReportedIssueAttachmentEntity } from './entities/reported-issue-attachment.entity';
import { DeliverableUrgingEntity } from './entities/deliverable-urging.entity';
import { WeeklyUrging1764800000000 } from './migrations/1764800000000-weekly-urging';
import { Notifications1764900000000 } from './migrations/1764900000000-notifications';
import { AuditLog1765100000000 } from './migrations/1765100000000-audit-log';
import { AuditLogEntity } from './audit/audit-log.entity';
import { OrgVersions1765200000000 } from './migrations/1765200000000-org-versions';
import { DeliverableListIndex1765300000000 } from './migrations/1765300000000-deliverable-list-index';
import { ReadModelCoveringIndexes1765400000000 } from './migrations/1765400000000-read-model-covering-indexes';
import { ReadModelChangeMarks1765500000000 } from './migrations/1765500000000-read-model-change-marks';
import { ReadModelShapeMarks1765600000000 } from './migrations/1765600000000-read-model-shape-marks';
import { OrgRevision1765700000000 } from './migrations/1765700000000-org-revision';
import { OutboxStagedMail1765800000000 } from './migrations/1765800000000-outbox-staged-mail';
import { Accounts1765000000000 } from './migrations/1765000000000-accounts';
import { AccountEntity } from './auth/account.entity';
import { SessionEntity } from './auth/session.entity';
import { LoginAttemptEntity } from './auth/login-attempt.entity';

export const ENTITIES = [
  UnitEntity,
  ContactEntity,
  DeliverableEntity,
  DeliverableEventEntity,
  OutboxEntity,
  PersonEntity,
  MembershipEntity,
  PlanEntity,
  PlanAmendmentEntity,
  DocumentEntity,
  ReportedIssueEntity,
  ReportedIssueEventEntity,
  ReportedIssueAttachmentEntity,
  DeliverableUrgingEntity,
  AuditLogEntity,
  AccountEntity,
  SessionEntity,
  LoginAttemptEntity,
];
/** In order. The schema is only ever changed by these, never by `synchronize`. */
export const MIGRATIONS = [
  InitialSchema1764288000000,
  DeliverableLifecycle1764300000000,
  OrgTree1764400000000,
  Plans1764500000000,
  PlanApiDocuments1764600000000,
  ReportedIssues1764700000000,
  WeeklyUrging1764800000000,
  Notifications1764900000000,
  Accounts1765000000000,
  AuditLog1765100000000,
  OrgVersions1765200000000,
  DeliverableListIndex1765300000000,
  ReadModelCoveringIndexes1765400000000,
  ReadModelChangeMarks1765500000000,
  ReadModelShapeMarks1765600000000,
  OrgRevision1765700000000,
  OutboxStagedMail1765800000000,
];

export function createDataSource(url: string, options: { poolSize?: number } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    poolSize: options.poolSize ?? 10,
    applicationName: 'dondoc',
  });
}

/** Opens a connection, applies pending migrations and returns their names. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = createDataSource(url, { poolSize: 1 });
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
