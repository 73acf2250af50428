import { Client, WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { vnInstant } from '@dondoc/calendar';
import {
  deliverableWorkflowId,
  formatInputProblem,
  IssueLimitsOverride,
  IssueSeverity,
  resolveIssueLimits,
} from '@dondoc/domain';
import { PlanEntity, ReportedIssueRepository, UnitEntity } from '@dondoc/persistence';
import { issueWorkflow } from '@dondoc/workflows';
import { reviewUpdate, submitUpdate } from '@dondoc/workflows/src/deliverable/deliverable.messages';
import * as m from '@dondoc/workflows/src/issue/issue.messages';
import type { IssueInput } from '@dondoc/workflows/src/issue/issue.types';
import {
  directionPeriod,
  ISSUE_DIRECTION_OBLIGATION,
} from '@dondoc/activities/src/issue/issue-direction-input';
import { crockford32, newIssueId } from '../../../api/src/issues/issue-id';
import { IssueBehaviour, IssueEntryAt, IssueStepKind, issueTimeline } from './issue-behaviour';

/** Issue steps happen at 09:00 Vietnam time, like the deliverable behaviour (behaviour-schedule.ts). */
export const ISSUE_STEP_HOUR = 9;

export interface ReportIssueOptions {
  planId: string;
  reporterUnitId: string;
  severity?: IssueSeverity;
  /** The plan's `issueLimits` block, if it has one. */
  planLimits?: IssueLimitsOverride;
  title: string;
  description: string;
  reporterName?: string | null;
  reporterEmail?: string | null;
  btgUnitId: string;
  btvUnitId: string;
  /** Simulation only: see workflows/src/clock.ts. */
  clockOffsetMs?: number;
  taskQueue: string;
  reportedAt: string;
  /** Default: a new id (newIssueId). */
  id?: string;
}

/**
 * Reports an issue the way the API does: the words and the reporter's address into PostgreSQL
 * (version 0), then `issue:<id>` with unit ids and limits only.
 */
export async function reportIssue(
  client: Client,
  ds: DataSource,
  o: ReportIssueOptions,
): Promise<{ id: string; input: IssueInput; handle: WorkflowHandle<typeof issueWorkflow> }> {
  const id = o.id ?? newIssueId();
  const severity = o.severity ?? 'normal';
  const input: IssueInput = {
    issueId: id,
    planId: o.planId,
    reporterUnitId: o.reporterUnitId,
    severity,
    limits: resolveIssueLimits(severity, o.planLimits),
    btgUnitId: o.btgUnitId,
    btvUnitId: o.btvUnitId,
    clockOffsetMs: o.clockOffsetMs,
  };
  await new ReportedIssueRepository(ds).create({
    id,
    workflowId: m.issueWorkflowId(id),
    planId: input.planId,
    reporterUnitId: o.reporterUnitId,
    reporterName: o.reporterName ?? null,
    reporterEmail: o.reporterEmail ?? null,
    title: o.title,
    description: o.description,
    severity,
    limits: input.limits,
    reportedAt: o.reportedAt,
  });
  const handle = await client.workflow.start(issueWorkflow, {
    taskQueue: o.taskQueue,
    workflowId: m.issueWorkflowId(id),
    args: [input],
  });
  return { id, input, handle };
}

/**
 * The id of the n-th entry of a behaviour file, reported at `reportedAt`: the same file gives the same
 * ids, so two runs can be compared line by line.
 */
export const simulationIssueId = (reportedAt: string, index: number) =>
  newIssueId(Date.parse(reportedAt), crockford32(index, 6));

/** What an issue needs from the simulation: a client on the worker's task queue and simulated time. */
export interface IssueDriveEnv {
  client: Client;
  dataSource: DataSource;
  taskQueue: string;
  planId: string;
  clockOffsetMs?: number;
  /** Moves simulated time to an instant (the simulation's clock, offset included); never back. */
  sleepUntil(instant: string): Promise<void>;
}

/** A step the issue workflow refused: `field` is the behaviour-file field that asked for it. */
export class IssueStepRefusedError extends Error {
  constructor(
    readonly field: string,
    reason: string,
    readonly at: string,
  ) {
    super(reason);
  }
}

/** One timed step of an issue: run it when simulated time is at `at`. */
export interface IssueStep {
  at: string;
  kind: IssueStepKind;
  field: string;
  run(): Promise<void>;
}

const TEXT = {
  title: 'Vấn đề phát sinh (kịch bản mô phỏng)',
  description: 'Vấn đề phát sinh trong quá trình thực hiện kế hoạch (kịch bản mô phỏng).',
  escalation: 'Vượt thẩm quyền của Ban Tuyên giáo',
  instructions: 'Đề nghị các đơn vị khẩn trương khắc phục',
  resolution: 'Đã giải quyết',
};

/** How long (real time) a step waits for the issue to resolve after its directed deliverables close. */
const RESOLVE_WAIT_MS = 30_000;

/**
 * One issue of a behaviour file against the running worker, as timed steps: it reports the issue
 * (BTG and BTV are found in the org by unit type; the plan's `issueLimits`, when there is one, set the
 * limits), then acknowledges (and BTG takes it in hand), escalates, directs, resolves and closes on
 * the given days. Missed limits remind and escalate on their own while time moves. The caller runs
 * the steps in order, each once simulated time is at its `at`, interleaved with its own.
 */
export class IssuePlay {
  readonly steps: IssueStep[];
  private played?: { id: string; handle: WorkflowHandle<typeof issueWorkflow>; btgUnitId: string };

  constructor(
    private readonly env: IssueDriveEnv,
    readonly behaviour: IssueBehaviour,
    private readonly o: { id?: (reportedAt: string) => string } = {},
  ) {
    this.steps = issueTimeline(behaviour).map((s) => {
      const at = vnInstant(s.on, ISSUE_STEP_HOUR);
      return { at, kind: s.kind, field: s.field, run: () => this.run(s.kind, s.field, at) };
    });
  }

  get id(): string {
    return this.reported().id;
  }

  get handle(): WorkflowHandle<typeof issueWorkflow> {
    return this.reported().handle;
  }

  /** Its events so far, oldest first (reported_issue_events). */
  readonly events = () => new ReportedIssueRepository(this.env.dataSource).events(this.id);

  private reported() {
    if (!this.played) throw new Error('the issue has not been reported yet');
    return this.played;
  }

  private async run(kind: IssueStepKind, field: string, at: string): Promise<void> {
    try {
      await this.step(kind, at);
    } catch (e) {
      if (e instanceof WorkflowUpdateFailedError)
        throw new IssueStepRefusedError(field, e.cause?.message ?? e.message, at);
      throw e;
    }
  }

  private async step(kind: IssueStepKind, at: string): Promise<void> {
    const b = this.behaviour;
    if (kind === 'report') return this.report(at);
    const { handle, btgUnitId } = this.reported();
    const btg = { byUnitId: btgUnitId };
    switch (kind) {
      case 'acknowledge':
        await handle.executeUpdate(m.acknowledgeUpdate, { args: [btg] });
        await handle.executeUpdate(m.assignHandlerUpdate, { args: [{ ...btg, handlerUnitId: btgUnitId }] });
        return;
      case 'escalate':
        await handle.executeUpdate(m.escalateUpdate, { args: [{ ...btg, reason: TEXT.escalation }] });
        return;
      case 'direct': {
        const { btvUnitId } = await this.units();
        await handle.executeUpdate(m.directionUpdate, {
          args: [
            {
              byUnitId: btvUnitId,
              instructions: b.direction!.instructions ?? TEXT.instructions,
              units: b.direction!.units,
              dueDate: b.direction!.due,
            },
          ],
        });
        return;
      }
      case 'resolve':
        await handle.executeUpdate(m.resolveUpdate, { args: [{ ...btg, resolution: TEXT.resolution }] });
        return;
      case 'complete':
        return this.completeDirection(btgUnitId, at);
      case 'close':
        // The reporter's close limit may have closed it already: nothing left to do then.
        if ((await handle.query(m.issueStatusQuery)).state === 'resolved')
          await handle.executeUpdate(m.closeUpdate, { args: [btg] });
        return;
    }
  }

  private async units(): Promise<{ btgUnitId: string; btvUnitId: string }> {
    const units = this.env.dataSource.getRepository(UnitEntity);
    const [btg, btv] = await Promise.all([
      units.findOneByOrFail({ type: 'ban-tuyen-giao' }),
      units.findOneByOrFail({ type: 'ban-thuong-vu' }),
    ]);
    return { btgUnitId: btg.id, btvUnitId: btv.id };
  }

  private async report(at: string): Promise<void> {
    const b = this.behaviour;
    const { btgUnitId, btvUnitId } = await this.units();
    const plan = await this.env.dataSource.getRepository(PlanEntity).findOneBy({ id: this.env.planId });
    const { id, handle } = await reportIssue(this.env.client, this.env.dataSource, {
      id: this.o.id?.(at),
      planId: this.env.planId,
      reporterUnitId: b.issue.reported_by,
      severity: b.issue.severity,
      planLimits: (plan?.definition as { issueLimits?: IssueLimitsOverride } | undefined)?.issueLimits,
      title: b.issue.title ?? TEXT.title,
      description: TEXT.description,
      reporterEmail: null,
      clockOffsetMs: this.env.clockOffsetMs,
      btgUnitId,
      btvUnitId,
      taskQueue: this.env.taskQueue,
      reportedAt: at,
    });
    this.played = { id, handle, btgUnitId };
  }

  /**
   * The directed units submit their deliverables and BTG, who collects them, accepts each right away;
   * the issue then resolves itself. Waits for that, so that a later step finds it resolved.
   */
  private async completeDirection(btgUnitId: string, at: string): Promise<void> {
    const { id, handle } = this.reported();
    const view = await handle.query(m.issueStatusQuery);
    const direction = view.directions.at(-1);
    for (const unitId of direction?.units ?? []) {
      const key = {
        planId: this.env.planId,
        obligationId: ISSUE_DIRECTION_OBLIGATION,
        unitId,
        period: directionPeriod(id, direction!.no),
      };
      const d = this.env.client.workflow.getHandle(deliverableWorkflowId(key));
      await d.executeUpdate(submitUpdate, {
        args: [{ unitId, documentName: `${key.obligationId}-${key.period}.pdf`, coveredContents: [] }],
      });
      await d.executeUpdate(reviewUpdate, { args: [{ decision: 'accept', reviewerUnitId: btgUnitId }] });
    }
    const deadline = Date.now() + RESOLVE_WAIT_MS;
    for (;;) {
      const { state } = await handle.query(m.issueStatusQuery);
      if (state === 'resolved' || state === 'closed') return;
      if (Date.now() > deadline)
        throw new IssueStepRefusedError(
          'resolve_on',
          `the issue is still ${state} after its direction deliverables were accepted`,
          at,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/**
 * Plays one issue of a behaviour file on its own: each step once simulated time is at its day
 * (09:00). Read its events with `events()`.
 */
export async function driveIssue(env: IssueDriveEnv, b: IssueBehaviour): Promise<IssuePlay> {
  const play = new IssuePlay(env, b);
  for (const step of play.steps) {
    await env.sleepUntil(step.at);
    await step.run();
  }
  return play;
}

/**
 * The steps of every issue entry of a behaviour file, for the simulation's timeline: an issue's own
 * steps stay in their order. Ids follow the entry (`simulationIssueId`); a refusal names the file,
 * the entry and the field, with the simulated instant.
 */
export function behaviourIssueSteps(o: {
  env: IssueDriveEnv;
  issues: IssueEntryAt[];
  file: string;
  refused: (message: string) => Error;
}): { at: string; run: () => Promise<void> }[] {
  return o.issues.flatMap(({ index, entry }) =>
    new IssuePlay(o.env, entry, { id: (at) => simulationIssueId(at, index) }).steps.map((s) => ({
      at: s.at,
      run: async () => {
        try {
          await s.run();
        } catch (e) {
          if (!(e instanceof IssueStepRefusedError)) throw e;
          const where = { file: o.file, location: `[${index}]`, field: e.field, reason: e.message };
          throw o.refused(`${formatInputProblem(where)} (at ${e.at})`);
        }
      },
    })),
  );
}
