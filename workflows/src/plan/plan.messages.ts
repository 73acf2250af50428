import { defineSignal } from '@temporalio/workflow';
import type { DeliverableKey } from '@dondoc/domain';

/** A deliverable tells its plan it was accepted; the plan opens what cascades from it. */
export const deliverableAcceptedSignal =
  defineSignal<[{ key: DeliverableKey; acceptedAt: string }]>('deliverableAccepted');
