import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AcknowledgeCommand,
  AnswerInfoCommand,
  AssignHandlerCommand,
  CloseCommand,
  DirectionCommand,
  EscalateCommand,
  IssueView,
  ReopenCommand,
  RequestInfoCommand,
  ResolveCommand,
} from './issue.types';

// Every command is an Update: validated by pure rules before anything is recorded (a refusal is an
// ApplicationFailure of type CommandRejected carrying FieldProblem[]), answered with the new state.
export const acknowledgeUpdate = defineUpdate<IssueView, [AcknowledgeCommand]>('acknowledge');
export const assignHandlerUpdate = defineUpdate<IssueView, [AssignHandlerCommand]>('assignHandler');
export const requestInfoUpdate = defineUpdate<IssueView, [RequestInfoCommand]>('requestInfo');
export const answerInfoUpdate = defineUpdate<IssueView, [AnswerInfoCommand]>('answerInfo');
export const escalateUpdate = defineUpdate<IssueView, [EscalateCommand]>('escalate');
export const directionUpdate = defineUpdate<IssueView, [DirectionCommand]>('recordDirection');
export const resolveUpdate = defineUpdate<IssueView, [ResolveCommand]>('resolve');
export const closeUpdate = defineUpdate<IssueView, [CloseCommand]>('close');
export const reopenUpdate = defineUpdate<IssueView, [ReopenCommand]>('reopen');
export const issueStatusQuery = defineQuery<IssueView>('issueStatus');

/** `issue:<id>`: the business-key workflow id of a reported issue. */
export const issueWorkflowId = (issueId: string) => `issue:${issueId}`;
