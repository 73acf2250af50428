import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DeliverableKey } from '@dondoc/domain';
import type {
  AddUnitAmendment,
  AmendmentResult,
  CancelPlanAmendment,
  ChangeDueRuleAmendment,
  PlanView,
  RemoveUnitAmendment,
} from './plan.types';

/** A deliverable tells its plan it was accepted; the plan opens what cascades from it. */
export const deliverableAcceptedSignal =
  defineSignal<[{ key: DeliverableKey; acceptedAt: string }]>('deliverableAccepted');

// Amendments are Updates: answered once carried out, each recorded with what it did.
export const addUnitUpdate = defineUpdate<AmendmentResult, [AddUnitAmendment]>('addUnit');
export const removeUnitUpdate = defineUpdate<AmendmentResult, [RemoveUnitAmendment]>('removeUnit');
export const changeDueRuleUpdate = defineUpdate<AmendmentResult, [ChangeDueRuleAmendment]>('changeDueRule');
export const cancelPlanUpdate = defineUpdate<AmendmentResult, [CancelPlanAmendment]>('cancelPlan');
export const planStatusQuery = defineQuery<PlanView>('planStatus');

/** A deliverable created by a direction on a reported issue tells the issue when it closes. */
export const deliverableClosedSignal =
  defineSignal<[{ key: DeliverableKey; status: string; closedAt: string }]>('deliverableClosed');
