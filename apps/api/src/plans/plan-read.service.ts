import { ListPlansQuery } from './dto/list-plans.query';
import type { RowScope } from '@dondoc/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainException } from '@dondoc/domain';
import { PlanAmendmentEntity, PlanEntity } from '@dondoc/persistence';
import { DATA_SOURCE } from '../tokens';
import { PlanDetailDto, PlanDto, PlanListDto, PlanStatusMatrixDto } from './dto/plan-lifecycle.dto';
import { PlanStatusQuery } from './dto/plan-status.query';
import { toAmendmentDto, toCountsDto, toPlanDto } from './plan.mapper';
import { PlanStatusRepository, StatusFilter, StatusRow } from './plan-status.repository';
import { CachedRead, etagOfParts, ReadClock, ReadModelCache, scopeKey } from '../common/read-model-cache';

/** Plan reads, all from PostgreSQL: the plan row, its amendments and the deliverables read model. */
@Injectable()
export class PlanReadService {
  private readonly status: PlanStatusRepository;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly cache: ReadModelCache,
    private readonly clock: ReadClock,
  ) {
    this.status = new PlanStatusRepository(dataSource);
  }

  async find(id: string): Promise<PlanEntity> {
    const plan = await this.dataSource.getRepository(PlanEntity).findOneBy({ id });
    if (!plan) throw new DomainException('not_found', `no plan ${id}`);
    return plan;
  }

  async summary(plan: PlanEntity): Promise<PlanDto> {
    const counts = await this.status.countsByPlan([plan.id], new Date());
    return toPlanDto(plan, counts.get(plan.id));
  }

  async list(q: ListPlansQuery): Promise<PlanListDto> {
    const [plans, total] = await this.dataSource.getRepository(PlanEntity).findAndCount({
      where: q.status ? { status: q.status } : {},
      order: { issuedOn: 'DESC', id: 'ASC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    const counts = await this.status.countsByPlan(
      plans.map((p) => p.id),
      new Date(),
    );
    return {
      items: plans.map((p) => toPlanDto(p, counts.get(p.id))),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async detail(id: string): Promise<PlanDetailDto> {
    const plan = await this.find(id);
    const [{ total, byObligation }, amendments] = await Promise.all([
      this.status.countsByObligation(id, new Date()),
      this.dataSource
        .getRepository(PlanAmendmentEntity)
        .find({ where: { planId: id }, order: { at: 'ASC', id: 'ASC' } }),
    ]);
    return {
      ...toPlanDto(plan, total),
      countsByObligation: byObligation.map((o) => ({
        obligationId: o.obligationId,
        counts: toCountsDto(o.counts),
      })),
      amendments: amendments.map(toAmendmentDto),
    };
  }

  async matrix(id: string, q: PlanStatusQuery, scope?: RowScope): Promise<PlanStatusMatrixDto> {
    await this.find(id);
    const asOf = this.clock.now();
    return { planId: id, asOf: asOf.toISOString(), ...(await this.matrixPage(id, q, asOf, scope)) };
  }

  /**
   * The matrix as GET /plans/:id/status answers it, through the validated read cache: the same JSON
   * as `matrix`, `asOf` being the request's instant (a cached part is valid at it by construction).
   * Its two parts are kept apart: the totals change with any row of the plan, the page (without a
   * bucket filter) only with its own rows. The entity tag covers everything but `asOf`.
   */
  async matrixJson(id: string, q: PlanStatusQuery, scope?: RowScope): Promise<CachedRead> {
    const view = await this.cache.plan(id);
    const f = statusFilter(id, q, scope);
    const base = [q.period ?? '', q.obligation ?? '', q.unitId ?? '', q.bucket ?? '', scopeKey(scope)];
    const [totals, page] = await Promise.all([
      view.read(['status-totals', ...base].join('\u0000'), 'any', async (asOf) => {
        await this.find(id);
        const m = await this.status.matrix({ ...f, page: 1, pageSize: 0 }, asOf);
        return { body: JSON.stringify({ totals: toCountsDto(m.totals), total: m.total }) };
      }),
      view.read(
        ['status-page', ...base, q.page, q.pageSize].join('\u0000'),
        q.bucket ? 'any' : 'rows',
        async (asOf) => {
          const items = await this.status.page(f, asOf);
          return { body: JSON.stringify(items.map(toStatusItem)), ids: items.map((r) => r.deliverableId) };
        },
      ),
    ]);
    // {"planId","asOf", …totals' members, "page","pageSize","items": page}: the matrix's own key order.
    const head = JSON.stringify({ planId: id, asOf: view.asOf.toISOString() }).slice(0, -1);
    const paging = JSON.stringify({ page: q.page, pageSize: q.pageSize }).slice(1, -1);
    return {
      etag: etagOfParts(totals, page),
      body: Buffer.concat([
        Buffer.from(`${head},`),
        totals.body.subarray(1, -1),
        Buffer.from(`,${paging},"items":`),
        page.body,
        Buffer.from('}'),
      ]),
    };
  }

  private async matrixPage(id: string, q: PlanStatusQuery, asOf: Date, scope?: RowScope) {
    const { totals, total, items } = await this.status.matrix(statusFilter(id, q, scope), asOf);
    return {
      totals: toCountsDto(totals),
      total,
      page: q.page,
      pageSize: q.pageSize,
      items: items.map(toStatusItem),
    };
  }
}

function statusFilter(id: string, q: PlanStatusQuery, scope?: RowScope): StatusFilter {
  return {
    planId: id,
    period: q.period,
    obligationId: q.obligation,
    unitId: q.unitId,
    bucket: q.bucket,
    scope,
    page: q.page,
    pageSize: q.pageSize,
  };
}

const toStatusItem = (r: StatusRow) => ({
  ...r,
  deadlineAt: r.deadlineAt.toISOString(),
  submittedAt: r.submittedAt ? r.submittedAt.toISOString() : null,
});
