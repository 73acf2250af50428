import { submissionProblems } from './submission';

describe('submissionProblems', () => {
  const rules = { unitId: 'HU-TIEN-DU', requiredContents: ['decision-148', 'pressing-issues'] };
  const ok = {
    unitId: 'HU-TIEN-DU',
    documentName: 'ke-hoach.pdf',
    coveredContents: ['decision-148', 'pressing-issues'],
  };

  it('accepts a complete submission from the right unit', () => {
    expect(submissionProblems(rules, ok)).toEqual([]);
  });

  it('names every field that is wrong', () => {
    const problems = submissionProblems(rules, {
      unitId: 'TU-OTHER',
      documentName: ' ',
      coveredContents: ['decision-148'],
    });
    expect(problems.map((p) => p.field)).toEqual(['unitId', 'documentName', 'coveredContents']);
    expect(problems[2].reason).toContain('pressing-issues');
  });
});
