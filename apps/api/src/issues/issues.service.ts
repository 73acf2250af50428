import type { RowScope } from '@dondoc/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { DataSource, In } from 'typeorm';
import { addDays, vnInstant } from '@dondoc/calendar';
import { DondocConfig } from '@dondoc/config';
import { DomainException, IssueLimitsOverride, resolveIssueLimits } from '@dondoc/domain';
import { ContactEntity, PlanEntity, ReportedIssueRepository, UnitEntity } from '@dondoc/persistence';
import { issueWorkflow } from '@dondoc/workflows';
import { issueWorkflowId } from '@dondoc/workflows/src/issue/issue.messages';
import type { IssueInput } from '@dondoc/workflows/src/issue/issue.types';
import { REOPEN_WINDOW_MS } from '@dondoc/workflows/src/issue/issue.workflow';
import { SA_PLAN, SA_STATUS, SA_UNIT } from '@dondoc/workflows/src/search-attributes';
import { DATA_SOURCE, DONDOC_CONFIG, TEMPORAL_CLIENT } from '../tokens';
import type { CheckedAttachment } from './issue-attachments';
import { newIssueId } from './issue-id';
import { toAttachmentDto, toIssueDto, toIssueEventDto, toSummaryItem } from './issue.mapper';
import { IssueDetailDto, IssueDto, IssuePageDto, IssueSummaryDto } from './dto/issue.dto';
import { IssueSummaryQuery, ListIssuesQuery } from './dto/list-issues.query';
import { ReportIssueDto } from './dto/report-issue.dto';

type Handle = ReturnType<Client['workflow']['getHandle']>;

/** Commands go to the issue workflow (Updates validated there); reads come from PostgreSQL. */
@Injectable()
export class IssuesService {
  readonly repo: ReportedIssueRepository;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(DONDOC_CONFIG) private readonly config: DondocConfig,
  ) {
    this.repo = new ReportedIssueRepository(ds);
  }

  /** Stores the report (words, reporter, attachments) and starts `issue:<id>` with unit ids only. */
  async report(dto: ReportIssueDto, files: CheckedAttachment[] = []): Promise<IssueDetailDto> {
    const units = this.ds.getRepository(UnitEntity);
    const [reporter, plan, btg, btv] = await Promise.all([
      units.findOneBy({ id: dto.reporterUnitId }),
      this.ds.getRepository(PlanEntity).findOneBy({ id: dto.planId }),
      units.findOneBy({ type: 'ban-tuyen-giao' }),
      units.findOneBy({ type: 'ban-thuong-vu' }),
    ]);
    const problems = [
      ...(reporter ? [] : [{ field: 'reporterUnitId', reason: `no unit ${dto.reporterUnitId}` }]),
      ...(plan ? [] : [{ field: 'planId', reason: `no plan ${dto.planId}` }]),
    ];
    if (problems.length) throw DomainException.validation(problems);
    if (!btg || !btv)
      throw new DomainException(
        'unavailable',
        'the org tree needs a Ban Tuyên giáo and a Ban Thường vụ unit',
      );
    const severity = dto.severity ?? 'normal';
    const id = newIssueId();
    const override = (plan!.definition as { issueLimits?: IssueLimitsOverride }).issueLimits;
    const input: IssueInput = {
      issueId: id,
      planId: dto.planId,
      reporterUnitId: dto.reporterUnitId,
      severity,
      limits: resolveIssueLimits(severity, override),
      btgUnitId: btg.id,
      btvUnitId: btv.id,
    };
    await this.repo.create({
      id,
      workflowId: issueWorkflowId(id),
      planId: dto.planId,
      reporterUnitId: dto.reporterUnitId,
      reporterName: dto.reporterName?.trim() || null,
      reporterEmail: dto.reporterEmail ?? null,
      title: dto.title.trim(),
      description: dto.description,
      severity,
      limits: input.limits,
      reportedAt: new Date().toISOString(),
    });
    for (const f of files) await this.repo.addAttachment({ issueId: id, ...f });
    try {
      await this.temporal.workflow.start(issueWorkflow, {
        workflowId: issueWorkflowId(id),
        taskQueue: this.config.temporal.taskQueue,
        args: [input],
        typedSearchAttributes: [
          { key: SA_PLAN, value: dto.planId },
          { key: SA_UNIT, value: dto.reporterUnitId },
          { key: SA_STATUS, value: 'reported' },
        ],
      });
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
    return this.detail(id);
  }

  async get(id: string): Promise<IssueDto> {
    const row = await this.repo.findById(id);
    if (!row) throw new DomainException('not_found', `no issue ${id}`);
    return toIssueDto(row);
  }

  async detail(id: string): Promise<IssueDetailDto> {
    const issue = await this.get(id);
    const [events, attachments] = await Promise.all([this.repo.events(id), this.repo.attachments(id)]);
    return { ...issue, timeline: events.map(toIssueEventDto), attachments: attachments.map(toAttachmentDto) };
  }

  /** One page of what `scope` (the caller's rows; undefined: all) lets it see. */
  async list(q: ListIssuesQuery, scope?: RowScope): Promise<IssuePageDto> {
    const { items, total } = await this.repo.list(q, scope);
    return { items: items.map((r) => toIssueDto(r)), total, page: q.page, pageSize: q.pageSize };
  }

  /** BTG's periodic summary: issues reported from `from` to `to` (days in Vietnam), with outcomes. */
  async summary(q: IssueSummaryQuery): Promise<IssueSummaryDto> {
    if (q.to < q.from)
      throw DomainException.validation([{ field: 'to', reason: `must not be before ${q.from}` }]);
    const rows = await this.repo.inPeriod(vnInstant(q.from), vnInstant(addDays(q.to, 1)), q.planId);
    const items = rows.map(toSummaryItem);
    const byOutcome: Record<string, number> = {
      closed: 0,
      resolved: 0,
      'resolved-by-direction': 0,
      open: 0,
      overdue: 0,
    };
    for (const i of items) byOutcome[i.outcome]++;
    return { from: q.from, to: q.to, byOutcome, total: items.length, items };
  }

  async attachment(issueId: string, attachmentId: string) {
    const a = await this.repo.attachmentWithContent(issueId, attachmentId);
    if (!a) throw new DomainException('not_found', `no attachment ${attachmentId} for issue ${issueId}`);
    return a;
  }

  /** Units and contacts a command names must exist (422 naming the field) before the workflow sees it. */
  async assertUnits(fields: Record<string, string | undefined>, contact?: { unitId: string; id?: string }) {
    const named = Object.entries(fields).filter((e): e is [string, string] => !!e[1]);
    const found = new Set(
      (await this.ds.getRepository(UnitEntity).findBy({ id: In(named.map((e) => e[1])) })).map((u) => u.id),
    );
    const problems = named
      .filter(([, u]) => !found.has(u))
      .map(([field, u]) => ({ field, reason: `no unit ${u}` }));
    if (contact?.id) {
      const c = await this.ds
        .getRepository(ContactEntity)
        .findOneBy({ id: contact.id, unitId: contact.unitId });
      if (!c)
        problems.push({ field: 'handlerContactId', reason: `no contact ${contact.id} of ${contact.unitId}` });
    }
    if (problems.length) throw DomainException.validation(problems);
  }

  /**
   * Runs one Update and answers the issue as the read model then shows it (the workflow persists
   * before it answers). A closed issue whose reopen window has passed has no workflow left: 409.
   */
  async command(id: string, run: (h: Handle) => Promise<unknown>): Promise<IssueDetailDto> {
    const row = await this.repo.findById(id);
    if (!row) throw new DomainException('not_found', `no issue ${id}`);
    if (
      row.state === 'closed' &&
      row.closedAt &&
      Date.now() - new Date(row.closedAt).getTime() > REOPEN_WINDOW_MS
    )
      throw new DomainException('conflict', `issue ${id} was closed more than 60 days ago`, [
        { field: 'status', reason: 'closed for good: report a new issue' },
      ]);
    await run(this.temporal.workflow.getHandle(row.workflowId));
    return this.detail(id);
  }
}
