import { ApplicationFailure, Context } from '@temporalio/activity';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { planAckUrl } from '@dondoc/config';
import { renderPlanIssued } from '@dondoc/mail';
import { addDays, vnDateOf, vnInstant, WorkingCalendar } from '@dondoc/calendar';
import {
  addDayCount,
  DeliverableKey,
  deliverableWorkflowId,
  DueRule,
  isOwed,
  planSemanticProblems,
  isClosed,
  PlanDefinition,
  ScheduledDeliverable,
} from '@dondoc/domain';
import {
  DeliverableEntity,
  DeliverableProjectionRepository,
  OrgRepository,
  PlanAmendmentEntity,
  PlanEntity,
  UnitEntity,
} from '@dondoc/persistence';
import { cancelUpdate, rescheduleUpdate } from '@dondoc/workflows/src/deliverable/deliverable.messages';
import type { DeliverableInput } from '@dondoc/workflows/src/deliverable/deliverable.types';
import { startDeliverableWorkflow } from '../deliverable/start-deliverable';
import { mapPooled } from '../pooled';
import { projectionOf } from '../deliverable/deliverable.activities';
import { openingRecordOf } from '@dondoc/workflows/src/deliverable/deliverable-state';
import { startPlanUrging } from '../urging/start-urging';
import type { Postman } from '../mail/postman';
import type { PlanUrgingInput } from '@dondoc/workflows/src/urging/plan-urging.workflow';
import { deliverableInputFor } from './plan-deliverable-input';
import { obligationRoles, PlanOpening, planOpeningsOf } from './plan-openings';
import { PlanScheduleMemo } from './plan-schedule-memo';

export type { PlanOpening } from './plan-openings';

export interface PlanActivityDeps {
  dataSource: DataSource;
  client: Client;
  taskQueue: string;
  calendar?: WorkingCalendar;
  /** The plan-issued mail (announcePlan); activities that open deliverables need neither. */
  postman?: Postman;
  publicUrl?: string;
  linkSecret?: string;
}

export interface OpenPeriodInput {
  planId: string;
  period: string;
  planWorkflowId: string;
  clockOffsetMs?: number;
  /** Only this unit (an amendment adding a unit); default every assignee. */
  unitId?: string;
  /** Only these obligations; default every obligation that opens with its period. */
  obligations?: string[];
  /** The plan's "now" when it opened the period: the plan then writes the openings (see start). */
  openedAt?: string;
}

export interface OpenResult {
  started: number;
  existing: number;
}

/** Deliverables per read-model statement and per heartbeat. */
const CHUNK = 200;
/** Workflow starts in flight at once. */
const START_CONCURRENCY = 50;

export function createPlanActivities(deps: PlanActivityDeps) {
  const cal = deps.calendar ?? new WorkingCalendar();
  const orgs = new OrgRepository(deps.dataSource);
  const projections = new DeliverableProjectionRepository(deps.dataSource);

  async function loadPlan(planId: string): Promise<PlanEntity> {
    return deps.dataSource.getRepository(PlanEntity).findOneByOrFail({ id: planId });
  }

  // Kept between the activities of a plan's issue day, which each need the whole term (see there).
  const schedules = new PlanScheduleMemo(orgs, cal);
  const schedule = (plan: PlanEntity) => schedules.schedule(plan);

  async function fallbackCollector(def: PlanDefinition): Promise<string> {
    const btg = await deps.dataSource.getRepository(UnitEntity).findOneBy({ type: 'ban-tuyen-giao' });
    return btg?.id ?? def.issuer;
  }

  /**
   * Starts deliverable workflows (idempotent by business-key id), START_CONCURRENCY at a time,
   * heartbeating progress. With `openedAt` (a period opening), the openings of each chunk of CHUNK
   * are then written into the read model in one statement and the workflows are told so
   * (PLAN_RECORDS_OPENING_PATCH); a retry rewrites nothing that is there (versioned upsert, events
   * keyed by version). The starts never wait for a write: a chunk is written, one chunk at a time,
   * as soon as its last start has returned, while the pool goes on with the next chunks (a pool
   * drained at every chunk boundary left the server idle for a moment each time).
   */
  async function start(inputs: DeliverableInput[], openedAt?: string): Promise<OpenResult> {
    const all = openedAt ? inputs.map((input) => ({ ...input, openingRecorded: true })) : inputs;
    const outcomes: boolean[] = new Array(all.length);
    const waiting = Array.from({ length: Math.ceil(all.length / CHUNK) }, (_, c) =>
      Math.min(CHUNK, all.length - c * CHUNK),
    );
    let done = 0;
    let writes = Promise.resolve();
    let writeFailure: { error: unknown } | undefined;
    const chunkStarted = (c: number) => {
      const chunk = all.slice(c * CHUNK, (c + 1) * CHUNK);
      // Caught here (and rethrown below): a failed write must fail the activity, not the process.
      writes = writes
        .then(async () => {
          if (openedAt) await projections.upsertMany(chunk.map((input) => openingOf(input, openedAt)));
          done += chunk.length;
          Context.current().heartbeat({ done });
        })
        .catch((error: unknown) => void (writeFailure ??= { error }));
    };
    await mapPooled(
      all.map((_, i) => i),
      START_CONCURRENCY,
      async (i) => {
        if (writeFailure) throw writeFailure.error;
        outcomes[i] = await startOne(all[i]);
        const c = Math.floor(i / CHUNK);
        if (--waiting[c] === 0) chunkStarted(c);
      },
    );
    await writes;
    if (writeFailure) throw writeFailure.error;
    const started = outcomes.filter(Boolean).length;
    return { started, existing: all.length - started };
  }

  /** The read-model row and events of a deliverable the plan has just opened (computed as the workflow would). */
  function openingOf(input: DeliverableInput, openedAt: string) {
    const record = openingRecordOf(input, deliverableWorkflowId(input.key), openedAt, cal);
    return { projection: projectionOf(record), events: record.events };
  }

  const startOne = (input: DeliverableInput) =>
    startDeliverableWorkflow(deps.client, deps.taskQueue, input, deps.postman?.stageLeadMs);

  return {
    /** Starts the plan's weekly digest (idempotent: false when it already runs). */
    async startPlanUrging(input: PlanUrgingInput): Promise<{ started: boolean }> {
      return { started: await startPlanUrging(deps.client, deps.taskQueue, input) };
    },

    /** When each period of the plan opens (cascade children and event-driven obligations excluded). */
    async planOpenings({ planId }: { planId: string }): Promise<{ openings: PlanOpening[]; endsAt: string }> {
      const plan = await loadPlan(planId);
      const openings = planOpeningsOf(plan.definition, plan.issuedOn, await schedule(plan));
      // The plan's own process ends with its term (or the `until` it was issued with).
      return { openings, endsAt: vnInstant(addDays(plan.until ?? plan.definition.term.end, 1), 0) };
    },

    /** Opens every deliverable of one period (or one unit's, for an amendment). */
    async openPlanPeriod(o: OpenPeriodInput): Promise<OpenResult> {
      const plan = await loadPlan(o.planId);
      const def = plan.definition;
      const collector = await fallbackCollector(def);
      const roles = obligationRoles(def);
      const rows = (await schedule(plan)).filter(
        (r) =>
          r.period === o.period &&
          r.dueDate !== null &&
          !roles.isCascadeChild(r.obligationId) &&
          (o.obligations ? o.obligations.includes(r.obligationId) : !roles.summarised(r.obligationId)) &&
          (!o.unitId || r.assignee === o.unitId),
      );
      // A unit the plan no longer covers opens nothing in later periods, though the org may still
      // list it; an explicit add-unit (o.unitId) is the way back.
      const removed = o.unitId ? new Set<string>() : await unitsRemovedFrom(deps.dataSource, o.planId);
      const context = {
        planWorkflowId: o.planWorkflowId,
        clockOffsetMs: o.clockOffsetMs,
        fallbackCollector: collector,
      };
      const obligationOf = (id: string) => def.obligations.find((ob) => ob.id === id)!;
      const inputs = rows
        .filter((r) => r.assigneeKind === 'unit' && !removed.has(r.assignee))
        .map((r) => deliverableInputFor(def, obligationOf(r.obligationId), r, context));
      // Per-person obligations: one deliverable per cell and period, tracking its members (see README).
      for (const cell of groupPersonRowsByCell(rows)) {
        if (removed.has(cell.cellId)) continue;
        inputs.push({
          ...deliverableInputFor(
            def,
            obligationOf(cell.row.obligationId),
            { ...cell.row, assignee: cell.cellId, assigneeKind: 'unit' },
            context,
          ),
          members: cell.members,
        });
      }
      return await start(inputs, o.openedAt);
    },

    /** The cascade: opens what follows from an accepted deliverable, due relative to its acceptance. */
    async openCascade(o: {
      planId: string;
      parent: DeliverableKey;
      acceptedAt: string;
      planWorkflowId: string;
      clockOffsetMs?: number;
    }): Promise<OpenResult> {
      const plan = await loadPlan(o.planId);
      const def = plan.definition;
      const accepted = vnDateOf(o.acceptedAt);
      const org = await orgs.loadTree(accepted);
      const collector = await fallbackCollector(def);
      const inputs: DeliverableInput[] = [];
      for (const ob of def.obligations) {
        if (ob.due?.kind !== 'after-parent-acceptance' || ob.due.parent !== o.parent.obligationId) continue;
        const selector = ob.assignees.kind === 'children-of-parent-assignees' ? ob.assignees.unitTypes : [];
        const children = org.units.filter(
          (u) => u.parentId === o.parent.unitId && (selector.length === 0 || selector.includes(u.type)),
        );
        const dueDate = cal.rollForward(addDayCount(accepted, ob.due.days, ob.due.dayKind, cal));
        for (const child of children) {
          const row: ScheduledDeliverable = {
            obligationId: ob.id,
            assignee: child.id,
            assigneeKind: 'unit',
            period: o.parent.period,
            dueDate,
            reminderDates: [],
            collector: ob.collector.kind === 'unit' ? ob.collector.unit : child.parentId,
          };
          inputs.push(
            deliverableInputFor(def, ob, row, {
              planWorkflowId: o.planWorkflowId,
              clockOffsetMs: o.clockOffsetMs,
              fallbackCollector: collector,
            }),
          );
        }
      }
      return start(inputs);
    },

    /**
     * Cancels the plan's deliverables still open (all, or one unit's), with the reason. With
     * `reassignTo` (a reorganisation: the unit's work passes to its successor) each one still owed is
     * opened again for the successor with the same obligation, period and due date; history is kept.
     */
    async cancelPlanDeliverables(o: {
      planId: string;
      reason: string;
      unitId?: string;
      reassignTo?: string;
      planWorkflowId?: string;
      clockOffsetMs?: number;
    }): Promise<{ cancelled: number; reassigned: number }> {
      const qb = deps.dataSource
        .getRepository(DeliverableEntity)
        .createQueryBuilder('d')
        .where('d.plan_id = :planId', { planId: o.planId });
      if (o.unitId) qb.andWhere('d.unit_id = :unitId', { unitId: o.unitId });
      const open = (await qb.getMany()).filter((d) => !isClosed(d.status));
      const toReassign: DeliverableEntity[] = [];
      let cancelled = 0;
      for (const d of open) {
        try {
          await deps.client.workflow
            .getHandle(d.workflowId)
            .executeUpdate(cancelUpdate, { args: [{ reason: o.reason }] });
          cancelled++;
          if (o.reassignTo && isOwed(d.status)) toReassign.push(d);
        } catch {
          // Closed meanwhile (accepted or waived): nothing left to cancel.
        }
        Context.current().heartbeat({ cancelled });
      }
      if (!o.reassignTo || !toReassign.length) return { cancelled, reassigned: 0 };
      const plan = await loadPlan(o.planId);
      const def = plan.definition;
      const context = {
        planWorkflowId: o.planWorkflowId ?? plan.workflowId,
        clockOffsetMs: o.clockOffsetMs,
        fallbackCollector: await fallbackCollector(def),
      };
      const inputs = toReassign.map((d) =>
        deliverableInputFor(
          def,
          def.obligations.find((ob) => ob.id === d.obligationId)!,
          {
            obligationId: d.obligationId,
            assignee: o.reassignTo!,
            assigneeKind: 'unit',
            period: d.period,
            dueDate: d.dueDate,
            reminderDates: [],
            collector: d.collectorUnitId,
          },
          context,
        ),
      );
      const { started } = await start(inputs);
      return { cancelled, reassigned: started };
    },

    /**
     * Amends one obligation's due rule. `recompute`: every deliverable of it still owed moves to the
     * date the new rule gives; `freeze`: those keep their dates and only periods not yet opened follow
     * the new rule. Either way the plan definition in PostgreSQL is updated.
     */
    async changeObligationDueRule(o: {
      planId: string;
      obligationId: string;
      due: DueRule;
      policy: 'recompute' | 'freeze';
      reason: string;
    }): Promise<{ rescheduled: number }> {
      const plan = await loadPlan(o.planId);
      const obligation = plan.definition.obligations.find((ob) => ob.id === o.obligationId);
      if (!obligation)
        throw ApplicationFailure.nonRetryable(
          `no obligation ${o.obligationId} in plan ${o.planId}`,
          'UnknownObligation',
        );
      obligation.due = o.due;
      const problems = planSemanticProblems(plan.definition);
      if (problems.length)
        throw ApplicationFailure.nonRetryable(
          `the new due rule makes the plan invalid: ${problems.map((p) => p.reason).join('; ')}`,
          'InvalidPlan',
        );
      await deps.dataSource
        .getRepository(PlanEntity)
        .update({ id: plan.id }, { definition: plan.definition });
      if (o.policy === 'freeze') return { rescheduled: 0 };
      const dues = new Map(
        (await schedule(plan))
          .filter((r) => r.obligationId === o.obligationId)
          .map((r) => [`${r.assignee}|${r.period}`, r.dueDate]),
      );
      const open = await deps.dataSource
        .getRepository(DeliverableEntity)
        .findBy({ planId: o.planId, obligationId: o.obligationId });
      let rescheduled = 0;
      for (const d of open.filter((x) => isOwed(x.status))) {
        const due = dues.get(`${d.unitId}|${d.period}`);
        if (!due || due === d.dueDate) continue;
        await deps.client.workflow
          .getHandle(d.workflowId)
          .executeUpdate(rescheduleUpdate, { args: [{ newDueDate: due, reason: o.reason }] });
        rescheduled++;
        Context.current().heartbeat({ rescheduled });
      }
      return { rescheduled };
    },

    /**
     * The plan-issued mail: every unit the plan asks something of this year is told what it is, what it
     * owes first and by when, with a signed link to acknowledge receipt. Once per contact (outbox key).
     */
    async announcePlan(o: {
      planId: string;
      planWorkflowId: string;
      at: string;
    }): Promise<{ mails: number }> {
      if (!deps.postman || !deps.publicUrl || !deps.linkSecret)
        throw ApplicationFailure.nonRetryable('announcePlan needs the postman, publicUrl and linkSecret');
      const plan = await loadPlan(o.planId);
      const def = plan.definition;
      const firstYear = plan.issuedOn.slice(0, 4);
      const owed = new Map<string, ScheduledDeliverable[]>();
      for (const r of await schedule(plan))
        if (r.assigneeKind === 'unit' && r.dueDate && r.dueDate.slice(0, 4) === firstYear)
          owed.set(r.assignee, [...(owed.get(r.assignee) ?? []), r]);
      if (!owed.size) return { mails: 0 };
      const contacts = (await deps.dataSource.query(
        `SELECT c.id, c.email, c.language, c.digest, c.unit_id, u.name AS unit_name
           FROM contacts c JOIN units u ON u.id = c.unit_id WHERE c.unit_id = ANY($1::text[]) ORDER BY c.unit_id, c.id`,
        [[...owed.keys()]],
      )) as { id: string; email: string; language: 'vi' | 'en'; unit_id: string; unit_name: string }[];
      const issuer =
        (
          (await deps.dataSource.query(`SELECT name FROM units WHERE id = $1`, [def.issuer])) as {
            name: string;
          }[]
        )[0]?.name ?? def.issuer;
      let mails = 0;
      for (const c of contacts) {
        const items = owed.get(c.unit_id)!.map((r) => {
          const ob = def.obligations.find((x) => x.id === r.obligationId)!;
          return {
            obligationTitle: ob.title[c.language] ?? ob.title.vi,
            dueDate: r.dueDate!,
            clause: ob.clause,
          };
        });
        const mail = renderPlanIssued(
          {
            planNumber: def.number,
            planTitle: def.title[c.language] ?? def.title.vi,
            issuerName: issuer,
            issuedDate: plan.issuedOn,
            unitName: c.unit_name,
            firstPeriod: firstYear,
            firstPeriodItems: items,
            ackUrl: planAckUrl(deps.publicUrl, deps.linkSecret, def.id, c.unit_id),
          },
          c.language,
        );
        const step = 'plan-issued';
        const outcome = await deps.postman.deliver({
          key: `${o.planWorkflowId}/${step}/${c.id}`,
          workflowId: o.planWorkflowId,
          step,
          kind: 'plan-issued',
          contactId: c.id,
          to: c.email,
          mail,
          at: o.at,
          unitId: c.unit_id,
          planId: def.id,
        });
        if (outcome === 'sent' || outcome === 'deferred') mails++;
      }
      return { mails };
    },

    async recordPlanAmendment(a: {
      planId: string;
      at: string;
      kind: string;
      policy?: string;
      detail: Record<string, unknown>;
      outcome?: Record<string, unknown>;
    }): Promise<void> {
      await deps.dataSource
        .getRepository(PlanAmendmentEntity)
        .save({ ...a, at: new Date(a.at), policy: a.policy ?? null, outcome: a.outcome ?? null });
    },

    async setPlanStatus(o: { planId: string; status: PlanEntity['status']; reason?: string }): Promise<void> {
      await deps.dataSource
        .getRepository(PlanEntity)
        .update({ id: o.planId }, { status: o.status, cancelReason: o.reason ?? null });
    },
  };
}

/** Person rows grouped by their cell (the row's collector), members sorted, cells sorted. */
/** Units removed from the plan by an amendment and not added back since (in the order they were recorded). */
async function unitsRemovedFrom(ds: DataSource, planId: string): Promise<Set<string>> {
  const rows = (await ds.query(
    `SELECT kind, detail->>'unitId' AS unit_id FROM plan_amendments
      WHERE plan_id = $1 AND kind IN ('remove-unit', 'add-unit') ORDER BY at, id`,
    [planId],
  )) as { kind: string; unit_id: string }[];
  const removed = new Set<string>();
  for (const r of rows) {
    if (r.kind === 'remove-unit') removed.add(r.unit_id);
    else removed.delete(r.unit_id);
  }
  return removed;
}

function groupPersonRowsByCell(rows: readonly ScheduledDeliverable[]) {
  const cells = new Map<string, { cellId: string; row: ScheduledDeliverable; members: string[] }>();
  for (const r of rows) {
    if (r.assigneeKind !== 'person' || !r.collector) continue;
    const key = `${r.obligationId}|${r.collector}`;
    const cell = cells.get(key) ?? { cellId: r.collector, row: r, members: [] };
    cell.members.push(r.assignee);
    cells.set(key, cell);
  }
  return [...cells.values()]
    .map((c) => ({ ...c, members: c.members.sort() }))
    .sort((a, b) => a.cellId.localeCompare(b.cellId));
}

export type PlanActivities = ReturnType<typeof createPlanActivities>;
