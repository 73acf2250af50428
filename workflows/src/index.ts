// The single workflowsPath entry: every workflow type the worker runs.
export { deliverableWorkflow } from './deliverable/deliverable.workflow';
export { planWorkflow } from './plan/plan.workflow';
export { issueWorkflow } from './issue/issue.workflow';
export { planUrgingWorkflow } from './urging/plan-urging.workflow';
export { dailyMailWorkflow } from './mail/daily-mail.workflow';
export { stagedMailWorkflow } from './mail/staged-mail.workflow';
