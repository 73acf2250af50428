import type {
  CancelCommand,
  DeliverableKey,
  DeliverableStatus,
  DeliverableTerms,
  ExtendCommand,
  ReviewCommand,
  SubmissionInput,
  TimelineStepKind,
  WaiveCommand,
} from '@dondoc/domain';

export interface DeliverableInput {
  key: DeliverableKey;
  /** The plan's number as people write it, e.g. `22-KH/TU`. */
  planNumber: string;
  planTitle: string;
  title: string;
  /** The clause of the plan text this obligation comes from. */
  clause?: string;
  terms: DeliverableTerms;
  requiredContents: string[];
  collectorUnitId: string;
  /** The plan workflow to tell when this deliverable is accepted (it opens the cascade). */
  planWorkflowId?: string;
  /** A reported issue whose direction created this deliverable: told when it closes, however it closes. */
  issueWorkflowId?: string;
  /**
   * Per-person obligations (yearly commitment registration) are tracked one workflow per cell and
   * period: the opaque ids of the members who owe it. Reminders then go only to those who have not
   * registered, with a digest to the cell; the deliverable is done when the last one registers.
   */
  members?: string[];
  /** Simulation only: see workflows/src/clock.ts. */
  clockOffsetMs?: number;
  /** The plan already wrote the opening into the read model (PLAN_RECORDS_OPENING_PATCH). */
  openingRecorded?: boolean;
  /**
   * Prepare each step's mail this long before its instant (STAGE_AHEAD_PATCH; config
   * MAIL_STAGE_LEAD_MINUTES); absent or 0: the step renders and sends at its instant.
   */
  stageLeadMs?: number;
}

export interface RegisterCommand {
  personId: string;
}

export interface SubmissionView {
  submittedAt: string;
  submittedByUnit: string;
  documentName: string;
  documentSha256?: string;
  note?: string;
  coveredContents: string[];
}

export interface ReviewView {
  decision: 'accept' | 'return';
  at: string;
  reviewerUnitId: string;
  comments?: string;
  newDueDate?: string;
}

export interface ExtensionView {
  at: string;
  from: string;
  to: string;
  reason: string;
  grantedByUnitId: string;
}

/** What the status query, every update and the read model see. */
export interface DeliverableView {
  id: string;
  status: DeliverableStatus;
  dueDate: string;
  /** The instant the current deadline passes (end of the effective due day, Asia/Ho_Chi_Minh). */
  deadlineAt: string;
  version: number;
  remindersSent: number;
  escalationsSent: number;
  nextStepAt: string | null;
  nextStepKind: TimelineStepKind | null;
  submission: SubmissionView | null;
  lastReview: ReviewView | null;
  extensions: ExtensionView[];
  returns: number;
  closedReason: string | null;
  /** Members mode: who has registered so far (ids), out of `memberCount`. */
  registered: string[];
  memberCount: number;
  /**
   * After the last escalation level, the plan's weekly digest urges this deliverable, not the
   * workflow itself (false for workflows started before that, and for an issue's deliverables).
   * Optional: views recorded before the field existed lack it.
   */
  weeklyByPlan?: boolean;
}

export type DeliverableEventType =
  | 'opened'
  | 'reminder'
  | 'overdue'
  | 'escalation'
  | 'submitted'
  | 'accepted'
  | 'returned'
  | 'extended'
  | 'waived'
  | 'cancelled'
  | 'registered';

/** One transition, as the audit trail and the simulation print it. */
export interface DeliverableEvent {
  version: number;
  at: string;
  type: DeliverableEventType;
  /** The timeline step (reminders, escalations): its outbox rows carry the same step id. */
  step?: string;
  actorUnitId?: string;
  reason?: string;
  /** Members mode: the person who registered. */
  personId?: string;
}

/** A plan amendment moving the due date (any date from today on), with its reason. */
export interface RescheduleCommand {
  newDueDate: string;
  reason: string;
}

export type { CancelCommand, ExtendCommand, ReviewCommand, SubmissionInput, WaiveCommand };
