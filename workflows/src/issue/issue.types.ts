import type {
  AcknowledgeCommand,
  AnswerInfoCommand,
  AssignHandlerCommand,
  CloseCommand,
  DirectionCommand,
  EscalateCommand,
  IssueClock,
  IssueEventType,
  IssueHolder,
  IssueLimits,
  IssueSeverity,
  IssueState,
  PausedClock,
  ReopenCommand,
  RequestInfoCommand,
  ResolveCommand,
} from '@dondoc/domain';

/**
 * Unit ids and numbers only: the title, the description and the reporter's name stay in PostgreSQL
 * (the activities read them when they write mail), so no personal data reaches Temporal's history.
 */
export interface IssueInput {
  issueId: string;
  planId: string;
  reporterUnitId: string;
  severity: IssueSeverity;
  /** Resolved by the API from the defaults, the severity and the plan's optional `issueLimits`. */
  limits: IssueLimits;
  btgUnitId: string;
  btvUnitId: string;
  /** Simulation only: see workflows/src/clock.ts. */
  clockOffsetMs?: number;
}

export interface DirectionDeliverableView {
  id: string;
  unitId: string;
  status: string;
  closedAt?: string;
}

export interface DirectionView {
  no: number;
  at: string;
  byUnitId: string;
  instructions: string;
  dueDate?: string;
  units: string[];
  deliverables: DirectionDeliverableView[];
}

export interface InfoRequestView {
  at: string;
  byUnitId: string;
  question: string;
  answeredAt?: string;
  answer?: string;
}

/** What the status query, every update and the read model see. */
export interface IssueView {
  id: string;
  state: IssueState;
  severity: IssueSeverity;
  holder: IssueHolder;
  version: number;
  handlerUnitId: string | null;
  handlerContactId: string | null;
  clock: IssueClock | null;
  pausedClock: PausedClock | null;
  /** When the running limit passes (null when no limit runs, or only the objection window). */
  limitAt: string | null;
  nextStepAt: string | null;
  nextStepKind: string | null;
  remindersSent: number;
  escalationsSent: number;
  reopenCount: number;
  directions: DirectionView[];
  infoRequests: InfoRequestView[];
  resolution: string | null;
  reportedAt: string;
  acknowledgedAt: string | null;
  escalatedAt: string | null;
  directedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
}

/** One transition or timed step, as the audit trail and the simulation print it. */
export interface IssueEvent {
  version: number;
  at: string;
  type: IssueEventType;
  /** The state after it. */
  state: IssueState;
  step?: string;
  actorUnitId?: string;
  reason?: string;
  detail?: Record<string, unknown>;
}

/** A mail the workflow owes: sent from the main loop, once the read model shows the event. */
export interface IssueNotice {
  /** Unique within the workflow: the outbox key is `<workflowId>/<noticeId>/<contact>`. */
  noticeId: string;
  type: IssueEventType;
  /** Units whose contacts are told; the reporter's unit is always among them. */
  unitIds: string[];
  detail?: Record<string, unknown>;
}

export type {
  AcknowledgeCommand,
  AnswerInfoCommand,
  AssignHandlerCommand,
  CloseCommand,
  DirectionCommand,
  EscalateCommand,
  ReopenCommand,
  RequestInfoCommand,
  ResolveCommand,
};
