import { WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { addDays, IsoDate, vnInstant, WorkingCalendar } from '@dondoc/calendar';
import {
  DeliverableKey,
  deliverableId,
  deliverableWorkflowId,
  expandPlan,
  formatInputProblem,
  OrgTree,
  PlanDefinition,
} from '@dondoc/domain';
import { DeliverableEntity, OrgRepository, PlanEntity } from '@dondoc/persistence';
import { planWorkflow } from '@dondoc/workflows';
import {
  extendUpdate,
  reviewUpdate,
  submitUpdate,
} from '@dondoc/workflows/src/deliverable/deliverable.messages';
import { BehaviourEntry, BehaviourItem } from './behaviour';
import { behaviourActions, SimAction } from './behaviour-schedule';
import { alongWith, IssueEntryAt, issueEntryProblems } from './issue-behaviour';
import { behaviourIssueSteps } from './issue-driver';
import { collectIssueEvents, collectIssueFinals, SimIssueEventLine, SimIssueFinalLine } from './issue-output';
import { collectEvents, collectFinals, SimEventLine, SimFinalLine } from './simulation-output';
import { ensureDailyMail } from '../../../worker/src/daily-mail';
import { SIMULATION_SEND_WINDOW, SimulationServices } from './simulation-services';

export interface SimulationRequest {
  plan: PlanDefinition;
  org: OrgTree;
  issued: IsoDate;
  until: IsoDate;
  /** Deliverable entries and reported issues (issue-behaviour.ts), in file order. */
  behaviour: BehaviourItem[];
  behaviourFile: string;
}

/** A request checked against the plan and org: nothing is started until this succeeds. */
export interface PreparedSimulation extends SimulationRequest {
  actions: SimAction[];
  /** The behaviour file's reported issues, checked against the org and the range. */
  issues: IssueEntryAt[];
  /** Simulated time starts at midnight of the issue day, before the 07:00 openings. */
  startAt: string;
  /** The end of --until: the state every final line reports. */
  endAt: string;
}

/** Something a test does at a simulated instant besides the behaviour file: restart, amend, cancel. */
export interface Intervention {
  at: string;
  label: string;
  run(driver: SimulationDriver): Promise<void>;
}

export interface SimulationResult {
  events: SimEventLine[];
  finals: SimFinalLine[];
  /** Reported issues: their events and one final line each (issue-output.ts). */
  issueEvents: SimIssueEventLine[];
  issueFinals: SimIssueFinalLine[];
  stats: {
    wallMs: number;
    setupMs: number;
    driveMs: number;
    /** CPU time of this process (its main and workflow threads) from its start to the term's end. */
    cpuMs: { user: number; system: number };
    mails: number;
    eventsByType: Record<string, number>;
  };
}

/** How often (real time) the driver checks that simulated time still moves. */
const STALL_CHECK_MS = 30_000;

/** A behaviour entry that the workflow refused when it was applied (e.g. an extension to a past day). */
export class BehaviourRefusedError extends Error {}

/** Parses nothing and starts nothing: checks the behaviour entries against the plan's schedule. */
export function prepareSimulation(request: SimulationRequest): PreparedSimulation {
  const calendar = new WorkingCalendar(); // the calendar the workflows and activities use
  const rows = expandPlan(request.plan, request.org, {
    issued: request.issued,
    until: request.until,
    calendar,
  });
  const { issues, problems } = issueEntryProblems(request.behaviour, {
    org: request.org,
    issued: request.issued,
    until: request.until,
    file: request.behaviourFile,
  });
  // One refusal with every problem of the file, the issues' among the deliverables'.
  const actions = alongWith(problems, () =>
    behaviourActions(request.behaviour, {
      plan: request.plan,
      org: request.org,
      rows,
      issued: request.issued,
      until: request.until,
      calendar,
      file: request.behaviourFile,
    }),
  );
  return {
    ...request,
    actions,
    issues,
    startAt: vnInstant(request.issued, 0),
    endAt: vnInstant(addDays(request.until, 1), 0),
  };
}

/** Handles on a running simulation, for behaviour actions and interventions. */
export class SimulationDriver {
  /** serverNow − simulatedNow; passed to planWorkflow as clockOffsetMs. */
  offsetMs = 0;
  constructor(
    readonly services: SimulationServices,
    readonly sim: PreparedSimulation,
    private readonly progress: (m: string) => void,
  ) {}

  private readonly startedMs = Date.now();

  get planWorkflowId(): string {
    return `plan:${this.sim.plan.id}`;
  }

  planHandle(): WorkflowHandle<typeof planWorkflow> {
    return this.services.env.client.workflow.getHandle(this.planWorkflowId);
  }

  async simulatedNowMs(): Promise<number> {
    return Number(await this.services.env.currentTimeMs()) - this.offsetMs;
  }

  /** Advances the time-skipping server to a simulated instant, month by month for progress on stderr. */
  async sleepUntil(instant: string): Promise<void> {
    for (;;) {
      const now = await this.simulatedNowMs();
      const target = Date.parse(instant);
      if (target <= now) return;
      const d = new Date(now);
      const nextMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      const step = Math.min(target, nextMonth) - now;
      await this.watchStalls(() => this.services.env.sleep(step));
      if (step < target - now)
        this.progress(
          `simulated up to ${new Date(nextMonth).toISOString().slice(0, 7)} after ${((Date.now() - this.startedMs) / 1000).toFixed(1)} s`,
        );
    }
  }

  /**
   * The server skips time only when no workflow task or activity is outstanding, so a task that keeps
   * failing (an activity retried with back-off) freezes simulated time. Say so instead of hanging quietly.
   */
  private async watchStalls(sleep: () => Promise<void>): Promise<void> {
    let last = await this.simulatedNowMs();
    const timer = setInterval(() => {
      void this.simulatedNowMs().then((now) => {
        if (now - last < 60_000)
          this.progress(
            `simulated time stuck at ${new Date(now).toISOString()}: a workflow task or activity keeps failing or never ends (see the worker's warnings)`,
          );
        last = now;
      });
    }, STALL_CHECK_MS);
    try {
      await sleep();
    } finally {
      clearInterval(timer);
    }
  }

  deliverableKey(e: BehaviourEntry): DeliverableKey {
    return { planId: this.sim.plan.id, obligationId: e.obligation, unitId: e.unit, period: e.period };
  }

  /** Carries out one behaviour action; a refusal names the file, entry and field. */
  async apply(action: SimAction): Promise<void> {
    const e = action.entry;
    const key = this.deliverableKey(e);
    const fail = (field: string, reason: string) =>
      new BehaviourRefusedError(
        formatInputProblem({ file: this.sim.behaviourFile, location: `[${action.index}]`, field, reason }) +
          ` (at ${action.at})`,
      );
    const row = await this.services.dataSource
      .getRepository(DeliverableEntity)
      .findOneBy({ id: deliverableId(key) });
    const field =
      action.kind === 'extend' ? 'extend_to' : action.kind === 'submit' ? 'submit_on' : 'resubmit_on';
    if (!row) throw fail(field, 'the deliverable is not open at that time');
    const handle = this.services.env.client.workflow.getHandle(deliverableWorkflowId(key));
    const collector = row.collectorUnitId ?? '';
    const run = async (f: string, update: () => Promise<unknown>) => {
      try {
        await update();
      } catch (err) {
        if (err instanceof WorkflowUpdateFailedError) throw fail(f, err.cause?.message ?? err.message);
        throw err;
      }
    };
    const submit = () =>
      run(field, () =>
        handle.executeUpdate(submitUpdate, {
          args: [
            {
              unitId: e.unit,
              documentName: `${e.obligation}-${e.period}.pdf`,
              coveredContents: row.requiredContents,
            },
          ],
        }),
      );
    if (action.kind === 'extend') {
      await run('extend_to', () =>
        handle.executeUpdate(extendUpdate, {
          args: [
            {
              newDueDate: e.extend_to!,
              reason: 'Gia hạn theo kịch bản mô phỏng',
              grantedByUnitId: collector,
            },
          ],
        }),
      );
      return;
    }
    await submit();
    // The collector reviews right after: a resubmission is always accepted (README "Whole-term simulation").
    const review = action.kind === 'resubmit' ? 'accept' : e.review!;
    await run('review', () =>
      handle.executeUpdate(reviewUpdate, {
        args: [
          review === 'accept'
            ? { decision: 'accept', reviewerUnitId: collector }
            : {
                decision: 'return',
                reviewerUnitId: collector,
                comments: 'Trả lại để bổ sung (kịch bản mô phỏng)',
                newDueDate: review.return_due,
              },
        ],
      }),
    );
  }
}

/**
 * Runs a prepared simulation on fresh services: stores the org and the plan, starts the plan
 * workflow with the clock offset and drives time from one behaviour action (or intervention) to the
 * next, then to the end of --until, and reads the term back from the read model.
 */
export async function runSimulation(
  services: SimulationServices,
  sim: PreparedSimulation,
  o: { interventions?: Intervention[]; progress?: (m: string) => void } = {},
): Promise<SimulationResult> {
  const started = Date.now();
  const progress = o.progress ?? (() => undefined);
  const driver = new SimulationDriver(services, sim, progress);
  const ds = services.dataSource;
  await new OrgRepository(ds).importTree(sim.org, 'replace', {
    effectiveFrom: sim.issued,
    source: 'simulation',
  });
  await ds.getRepository(PlanEntity).save({
    id: sim.plan.id,
    number: sim.plan.number,
    title: sim.plan.title.vi,
    definition: sim.plan,
    issuedOn: sim.issued,
    until: sim.until,
    status: 'issued',
    workflowId: driver.planWorkflowId,
    cancelReason: null,
  });
  await services.startWorker();
  driver.offsetMs = Number(await services.env.currentTimeMs()) - Date.parse(sim.startAt);
  const plan = await services.env.client.workflow.start(planWorkflow, {
    taskQueue: services.taskQueue,
    workflowId: driver.planWorkflowId,
    args: [{ planId: sim.plan.id, clockOffsetMs: driver.offsetMs }],
  });
  // The daily run: mail that waited for the send window, and the digests of contacts who chose them.
  await ensureDailyMail(services.env.client, services.taskQueue, SIMULATION_SEND_WINDOW, {
    clockOffsetMs: driver.offsetMs,
    endsAt: sim.endAt,
  });
  const setupMs = Date.now() - started;
  progress(`plan ${sim.plan.id} issued ${sim.issued}; simulating to the end of ${sim.until}`);

  type Step = { at: string; run: () => Promise<void> };
  const steps: Step[] = [
    ...sim.actions.map((a) => ({ at: a.at, run: () => driver.apply(a) })),
    // Reported issues: each has several timed steps; at one instant they come after the deliverables'.
    ...behaviourIssueSteps({
      env: {
        client: services.env.client,
        dataSource: ds,
        taskQueue: services.taskQueue,
        planId: sim.plan.id,
        clockOffsetMs: driver.offsetMs,
        sleepUntil: (instant) => driver.sleepUntil(instant),
      },
      issues: sim.issues,
      file: sim.behaviourFile,
      refused: (message) => new BehaviourRefusedError(message),
    }),
    ...(o.interventions ?? []).map((i) => ({
      at: i.at,
      run: async () => {
        progress(`${i.at}: ${i.label}`);
        await i.run(driver);
      },
    })),
  ];
  // Stable: behaviour actions, then issue steps, keep their order at the same instant; interventions come after them.
  steps.sort((a, b) => a.at.localeCompare(b.at));
  for (const step of steps) {
    if (step.at >= sim.endAt) break;
    await driver.sleepUntil(step.at);
    await step.run();
  }
  await driver.sleepUntil(sim.endAt);
  await waitForClose(plan);
  const driveMs = Date.now() - started - setupMs;
  const cpu = process.cpuUsage();
  const cpuMs = { user: Math.round(cpu.user / 1000), system: Math.round(cpu.system / 1000) };
  // On a shared machine the wall time says little; the CPU time of this process says more (bench simulation).
  progress(`cpu user ${cpuMs.user} ms, system ${cpuMs.system} ms (this process, to the end of the term)`);

  const [events, finals, issueEvents, issueFinals, [{ mails }]] = await Promise.all([
    collectEvents(ds, sim.plan.id, sim.endAt),
    collectFinals(ds, sim.plan.id, sim.endAt),
    collectIssueEvents(ds, sim.plan.id, sim.endAt),
    collectIssueFinals(ds, sim.plan.id, sim.endAt),
    ds.query(`SELECT count(*)::int AS mails FROM outbox WHERE status = 'sent'`) as Promise<
      { mails: number }[]
    >,
  ]);
  const eventsByType: Record<string, number> = {};
  for (const e of [...events, ...issueEvents]) eventsByType[e.type] = (eventsByType[e.type] ?? 0) + 1;
  return {
    events,
    finals,
    issueEvents,
    issueFinals,
    stats: { wallMs: Date.now() - started, setupMs, driveMs, cpuMs, mails, eventsByType },
  };
}

/**
 * The plan workflow ends at the end of --until (or when cancelled). Awaiting `result()` would let
 * the server skip time again, so poll its description instead: time stays where the driver left it.
 */
async function waitForClose(handle: WorkflowHandle): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if ((await handle.describe()).status.name !== 'RUNNING') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the plan workflow ${handle.workflowId} did not end at the end of the simulated term`);
}
