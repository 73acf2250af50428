import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DeliverableView, SubmissionInput } from './deliverable.types';

/** Submission answers synchronously: the validator refuses bad input before anything is recorded. */
export const submitUpdate = defineUpdate<DeliverableView, [SubmissionInput]>('submit');
export const statusQuery = defineQuery<DeliverableView>('status');

/** Failure type of a refused submission; its details carry `FieldProblem[]` for the API. */
export const SUBMISSION_REJECTED = 'SubmissionRejected';
