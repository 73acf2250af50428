import type { IsoDate } from '@dondoc/calendar';

/** Who receives an escalation step. Resolved to contacts by the activity, never inside the workflow. */
export type EscalationTarget = 'head' | 'collector' | 'superior' | 'btg' | 'btv';

export interface EscalationLevel {
  /** Working days after the deadline at which this level is told. */
  afterWorkingDays: number;
  notify: EscalationTarget[];
}

export interface EscalationPolicy {
  levels: EscalationLevel[];
  /** After the last level: remind the last level again every N calendar days (null = never). */
  repeatEveryDays: number | null;
}

/** Everything about time that a deliverable workflow needs from its plan obligation. */
export interface DeliverableTerms {
  dueDate: IsoDate;
  reminderOffsets: number[];
  /** Offsets count working days unless the plan says calendar days. */
  reminderDayKind: 'working' | 'calendar';
  escalation: EscalationPolicy;
}

/** DOMAIN.md defaults: head +1 working day, collecting body (and superior) +3, BTG +7, weekly after. */
export const DEFAULT_ESCALATION: EscalationPolicy = {
  levels: [
    { afterWorkingDays: 1, notify: ['head'] },
    { afterWorkingDays: 3, notify: ['collector', 'superior'] },
    { afterWorkingDays: 7, notify: ['btg'] },
  ],
  repeatEveryDays: 7,
};
