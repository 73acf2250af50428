import type { DueRule } from '@dondoc/domain';

export interface PlanInput {
  planId: string;
  /** Simulation only: see workflows/src/clock.ts. */
  clockOffsetMs?: number;
  /** Carried across continue-as-new: periods already opened. */
  openedPeriods?: string[];
  /** Carried across continue-as-new: the weekly digest is running (it is started once per plan). */
  urgingStarted?: boolean;
  /** Carried across continue-as-new: the plan-issued mail went out (once per plan). */
  announced?: boolean;
}

export type PlanStatus = 'issued' | 'cancelled' | 'completed';

export interface PlanView {
  planId: string;
  status: PlanStatus;
  openedPeriods: string[];
  nextOpeningAt: string | null;
  cascadesOpened: number;
}

export interface AddUnitAmendment {
  unitId: string;
}
export interface RemoveUnitAmendment {
  unitId: string;
  reason: string;
  /** A reorganisation: the successor unit takes over what is still owed. */
  reassignTo?: string;
}
export interface ChangeDueRuleAmendment {
  obligationId: string;
  due: DueRule;
  /** recompute: open deliverables get the new due date; freeze: only deliverables not yet open do. */
  policy: 'recompute' | 'freeze';
  reason: string;
}
export interface CancelPlanAmendment {
  reason: string;
}

export interface AmendmentResult {
  kind: string;
  started?: number;
  cancelled?: number;
  reassigned?: number;
  rescheduled?: number;
}
