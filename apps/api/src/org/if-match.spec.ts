import { ProblemException } from '../mail/mail-problem';
import { expectedVersion } from './if-match';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ProblemException);
    const { status, errors } = (e as ProblemException).problem;
    return { status, fields: errors?.map((p) => p.field) };
  }
  throw new Error('expected a refusal');
};

describe('expectedVersion (If-Match or body version)', () => {
  it('reads a strong, weak or bare version from If-Match', () => {
    expect(expectedVersion('"3"', undefined)).toEqual({ version: 3, field: 'If-Match' });
    expect(expectedVersion('W/"12"', undefined)).toEqual({ version: 12, field: 'If-Match' });
    expect(expectedVersion(' 7 ', undefined)).toEqual({ version: 7, field: 'If-Match' });
    expect(expectedVersion('"3"', 3)).toEqual({ version: 3, field: 'If-Match' });
  });

  it('takes the body version when there is no header', () => {
    expect(expectedVersion(undefined, 2)).toEqual({ version: 2, field: 'version' });
    expect(expectedVersion('', 2)).toEqual({ version: 2, field: 'version' });
  });

  it('refuses none (428), a malformed header and a disagreeing body version (400), naming the field', () => {
    expect(refusal(() => expectedVersion(undefined, undefined))).toEqual({
      status: 428,
      fields: ['If-Match'],
    });
    expect(refusal(() => expectedVersion('"3', undefined))).toEqual({ status: 400, fields: ['If-Match'] });
    expect(refusal(() => expectedVersion('*', undefined))).toEqual({ status: 400, fields: ['If-Match'] });
    expect(refusal(() => expectedVersion('"3"', 4))).toEqual({ status: 400, fields: ['version'] });
  });
});
