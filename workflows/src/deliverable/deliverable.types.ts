import type { DeliverableKey, DeliverableStatus, SubmissionInput } from '@dondoc/domain';

export interface DeliverableInput {
  key: DeliverableKey;
  /** What is owed, e.g. "Kế hoạch học tập và triển khai thực hiện Chuyên đề toàn khóa". */
  title: string;
  dueDate: string;
  /** Working days before the deadline at which to remind (0 = the morning of the due date). */
  reminderOffsets: number[];
  requiredContents: string[];
}

export interface SubmissionView extends Required<Pick<SubmissionInput, 'documentName' | 'coveredContents'>> {
  submittedAt: string;
  submittedByUnit: string;
  documentSha256?: string;
  note?: string;
}

/** What the status query, the submit update and the read model all see. */
export interface DeliverableView {
  id: string;
  status: DeliverableStatus;
  dueDate: string;
  version: number;
  remindersSent: number;
  nextReminderAt: string | null;
  submission: SubmissionView | null;
}

export type { SubmissionInput };
