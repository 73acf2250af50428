import { deliverableId, deliverableWorkflowId, parseDeliverableId } from './deliverable-key';

describe('deliverable keys', () => {
  const key = {
    planId: '22-KH-TU',
    obligationId: 'implementation-plan',
    unitId: 'HU-TIEN-DU',
    period: '2021',
  };
  it('builds the business-key workflow id', () => {
    expect(deliverableWorkflowId(key)).toBe('deliverable:22-KH-TU:implementation-plan:HU-TIEN-DU:2021');
  });
  it('round-trips the id', () => {
    expect(parseDeliverableId(deliverableId(key))).toEqual(key);
  });
  it('rejects ids with the wrong shape or characters', () => {
    expect(parseDeliverableId('a:b:c')).toBeUndefined();
    expect(parseDeliverableId('a:b:c:d/e')).toBeUndefined();
    expect(parseDeliverableId('a:b:c: d')).toBeUndefined();
  });
});
