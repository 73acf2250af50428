import { SLUG_PATTERN } from '@dondoc/domain';
import { newIssueId } from './issue-id';

describe('issue ids', () => {
  it('are short slugs that sort by time and do not repeat', () => {
    const a = newIssueId(1_700_000_000_000);
    const b = newIssueId(1_700_000_000_001);
    expect(a).toMatch(/^VD[0-9A-HJKMNP-TV-Z]{14}$/);
    expect(SLUG_PATTERN.test(a)).toBe(true);
    expect(a.slice(0, 10) < b.slice(0, 10)).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => newIssueId())).size).toBe(1000);
  });
});
