import {
  cancelUpdate,
  extendUpdate,
  registerUpdate,
  rescheduleUpdate,
  reviewUpdate,
  submitUpdate,
  waiveUpdate,
} from '@dondoc/workflows/src/deliverable/deliverable.messages';
import {
  addUnitUpdate,
  cancelPlanUpdate,
  changeDueRuleUpdate,
  deliverableAcceptedSignal,
  deliverableClosedSignal,
  removeUnitUpdate,
} from '@dondoc/workflows/src/plan/plan.messages';
import {
  acknowledgeUpdate,
  answerInfoUpdate,
  assignHandlerUpdate,
  closeUpdate,
  directionUpdate,
  escalateUpdate,
  reopenUpdate,
  requestInfoUpdate,
  resolveUpdate,
} from '@dondoc/workflows/src/issue/issue.messages';

/** The signals and updates each workflow type declares (its messages file) and handles. */
export interface DeclaredMessages {
  signals: readonly string[];
  updates: readonly string[];
}

const names = (...defs: { name: string }[]) => defs.map((d) => d.name);

export const WORKFLOW_MESSAGES: Record<string, DeclaredMessages> = {
  deliverableWorkflow: {
    signals: [],
    updates: names(
      submitUpdate,
      reviewUpdate,
      extendUpdate,
      waiveUpdate,
      cancelUpdate,
      rescheduleUpdate,
      registerUpdate,
    ),
  },
  planWorkflow: {
    signals: names(deliverableAcceptedSignal),
    updates: names(addUnitUpdate, removeUnitUpdate, changeDueRuleUpdate, cancelPlanUpdate),
  },
  issueWorkflow: {
    signals: names(deliverableClosedSignal),
    updates: names(
      acknowledgeUpdate,
      assignHandlerUpdate,
      requestInfoUpdate,
      answerInfoUpdate,
      escalateUpdate,
      directionUpdate,
      resolveUpdate,
      closeUpdate,
      reopenUpdate,
    ),
  },
  planUrgingWorkflow: { signals: [], updates: [] },
  // mailWaitingSignal (workflows/src/mail/daily-mail.workflow.ts): that module defines its activities
  // at load, so the API names the signal instead of importing it.
  dailyMailWorkflow: { signals: ['mailWaiting'], updates: [] },
};

export const WORKFLOW_TYPES = Object.keys(WORKFLOW_MESSAGES);
