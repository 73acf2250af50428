import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  CancelCommand,
  DeliverableView,
  ExtendCommand,
  RegisterCommand,
  RescheduleCommand,
  ReviewCommand,
  SubmissionInput,
  WaiveCommand,
} from './deliverable.types';

// Every command is an Update: validated by the workflow before anything is recorded, answered
// synchronously with the new state once the read model shows it.
export const submitUpdate = defineUpdate<DeliverableView, [SubmissionInput]>('submit');
export const reviewUpdate = defineUpdate<DeliverableView, [ReviewCommand]>('review');
export const extendUpdate = defineUpdate<DeliverableView, [ExtendCommand]>('extend');
export const waiveUpdate = defineUpdate<DeliverableView, [WaiveCommand]>('waive');
export const cancelUpdate = defineUpdate<DeliverableView, [CancelCommand]>('cancel');
/** A plan amendment (due-rule change, recompute policy) moves the due date of a deliverable still owed. */
export const rescheduleUpdate = defineUpdate<DeliverableView, [RescheduleCommand]>('reschedule');
/** Members mode: one member's commitment registration, recorded at their cell. */
export const registerUpdate = defineUpdate<DeliverableView, [RegisterCommand]>('register');
export const statusQuery = defineQuery<DeliverableView>('status');

/** Failure type of a refused command; its details carry `FieldProblem[]` for the API. */
export const COMMAND_REJECTED = 'CommandRejected';
/** Kept for the first slice's callers: a refused submission is a refused command. */
export const SUBMISSION_REJECTED = COMMAND_REJECTED;
