import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkingCalendar } from '@dondoc/calendar';
import { loadWorkingCalendar } from '@dondoc/calendar/src/notice-loader';
import { expandPlan, PlanDefinition, ScheduledDeliverable } from '@dondoc/domain';
import { parsePlan } from '@dondoc/domain/src/plan/plan-validate';
import { OrgRepository } from '@dondoc/persistence';
import { DATA_SOURCE } from '../tokens';
import { ValidatePlanDto, PreviewPlanDto } from './dto/plan-request.dto';
import { PlanPreviewDto, PlanSummaryDto, PreviewRowDto } from './dto/plan-response.dto';

/** Plans as data over HTTP: the same parser and expansion as the CLI, the org tree from PostgreSQL. */
@Injectable()
export class PlansService {
  private readonly orgs: OrgRepository;
  private calendar: WorkingCalendar | undefined;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.orgs = new OrgRepository(dataSource);
  }

  /** Throws InputRejectedException (→ 422 with every problem, each reason carrying its line). */
  validate(dto: ValidatePlanDto): { plan: PlanDefinition; summary: PlanSummaryDto } {
    const plan = parsePlan(dto.text, dto.file ?? 'plan');
    return { plan, summary: toSummary(plan) };
  }

  async preview(dto: PreviewPlanDto): Promise<{ plan: PlanDefinition; rows: ScheduledDeliverable[] }> {
    const { plan } = this.validate(dto);
    // The whole stored tree, every validity period: the expansion picks the org of each due date.
    const org = await this.orgs.loadTree();
    const rows = expandPlan(plan, org, {
      issued: dto.issued,
      until: dto.until,
      calendar: this.workingCalendar(),
      planFile: dto.file ?? 'plan',
    });
    return { plan, rows };
  }

  toPreviewDto(plan: PlanDefinition, rows: ScheduledDeliverable[]): PlanPreviewDto {
    return { plan: toSummary(plan), count: rows.length, rows: rows.map(toRow) };
  }

  /** Read once: the notices folder is data an admin may extend, picked up on the next start. */
  private workingCalendar(): WorkingCalendar {
    this.calendar ??= loadWorkingCalendar();
    return this.calendar;
  }
}

function toSummary(plan: PlanDefinition): PlanSummaryDto {
  return {
    id: plan.id,
    number: plan.number,
    issuer: plan.issuer,
    issueDate: plan.issueDate,
    termStart: plan.term.start,
    termEnd: plan.term.end,
    obligations: plan.obligations.map((o) => ({
      id: o.id,
      titleVi: o.title.vi,
      titleEn: o.title.en,
      recurrence: o.recurrence,
      ...(o.due ? { dueRule: o.due.kind } : {}),
    })),
  };
}

function toRow(r: ScheduledDeliverable): PreviewRowDto {
  return {
    obligation: r.obligationId,
    unit: r.assignee,
    assigneeKind: r.assigneeKind,
    period: r.period,
    dueDate: r.dueDate,
    reminderDates: [...r.reminderDates],
    collector: r.collector,
  };
}
