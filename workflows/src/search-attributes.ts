import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Business fields that make any deliverable findable with the Temporal CLI and Web UI
 * (e.g. `temporal workflow list --query "DondocUnit='HU-TIEN-DU'"`). Unit and plan codes only:
 * never a person's name or address.
 */
export const SA_PLAN = defineSearchAttributeKey('DondocPlan', SearchAttributeType.KEYWORD);
export const SA_OBLIGATION = defineSearchAttributeKey('DondocObligation', SearchAttributeType.KEYWORD);
export const SA_UNIT = defineSearchAttributeKey('DondocUnit', SearchAttributeType.KEYWORD);
export const SA_PERIOD = defineSearchAttributeKey('DondocPeriod', SearchAttributeType.KEYWORD);
export const SA_STATUS = defineSearchAttributeKey('DondocStatus', SearchAttributeType.KEYWORD);
export const SA_DUE_DATE = defineSearchAttributeKey('DondocDueDate', SearchAttributeType.DATETIME);

export const DONDOC_SEARCH_ATTRIBUTES = [SA_PLAN, SA_OBLIGATION, SA_UNIT, SA_PERIOD, SA_STATUS, SA_DUE_DATE];
