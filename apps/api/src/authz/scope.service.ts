import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { DATA_SOURCE } from '../tokens';
import { AccessScope, scopeOf, seesDeliverable, seesIssue, seesMail, seesUnit } from './access-scope';
import type { ScopedResource } from './access.decorator';

const SUBTREE_SQL = `
  WITH RECURSIVE sub(id) AS (
    SELECT id FROM units WHERE id = $1
    UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id
  ) SELECT id FROM sub`;

/** Resolves a caller's scope and checks single resources against it (one query each). */
@Injectable()
export class ScopeService {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  /** The scope of the request's principal, computed once per request. */
  async forRequest(req: Request & { accessScope?: AccessScope }, p: Principal): Promise<AccessScope> {
    req.accessScope ??= await this.scopeOf(p);
    return req.accessScope;
  }

  async scopeOf(p: Principal): Promise<AccessScope> {
    if (p.role === 'admin' || !p.unitId) return scopeOf(p, []);
    const rows = (await this.ds.query(SUBTREE_SQL, [p.unitId])) as { id: string }[];
    return scopeOf(
      p,
      rows.map((r) => r.id),
    );
  }

  /**
   * Whether the resource named by a route parameter lies within the scope. `undefined` when it does
   * not exist: the route itself answers 404 then, as it would for anyone.
   */
  async sees(s: AccessScope, resource: ScopedResource, id: string): Promise<boolean | undefined> {
    if (s.all) return true;
    switch (resource) {
      case 'plan':
        return true; // a plan is read by every level it concerns; its rows are scoped instead
      case 'unit':
        return seesUnit(s, id);
      case 'deliverable': {
        const [d] = (await this.ds.query(
          'SELECT unit_id AS "unitId", collector_unit_id AS "collectorUnitId" FROM deliverables WHERE id = $1',
          [id],
        )) as { unitId: string; collectorUnitId: string | null }[];
        return d && seesDeliverable(s, d);
      }
      case 'issue': {
        const [i] = (await this.ds.query(
          `SELECT reporter_unit_id AS "reporterUnitId", handler_unit_id AS "handlerUnitId",
                  escalated_at AS "escalatedAt" FROM reported_issues WHERE id = $1`,
          [id],
        )) as { reporterUnitId: string; handlerUnitId: string | null; escalatedAt: Date | null }[];
        return i && seesIssue(s, i);
      }
      case 'contact': {
        // Text comparison: a malformed id is simply not found, not a database error.
        const [c] = (await this.ds.query('SELECT unit_id AS "unitId" FROM contacts WHERE id::text = $1', [
          id,
        ])) as { unitId: string }[];
        return c && seesUnit(s, c.unitId);
      }
      case 'mail': {
        const [m] = (await this.ds.query(
          `SELECT o.unit_id AS "unitId", d.unit_id AS "dUnitId", d.collector_unit_id AS "dCollector"
             FROM outbox o LEFT JOIN deliverables d ON d.id = o.deliverable_id WHERE o.key = $1`,
          [id],
        )) as { unitId: string | null; dUnitId: string | null; dCollector: string | null }[];
        if (!m) return undefined;
        const deliverable = m.dUnitId ? { unitId: m.dUnitId, collectorUnitId: m.dCollector } : null;
        return seesMail(s, { unitId: m.unitId, deliverable });
      }
    }
  }
}
