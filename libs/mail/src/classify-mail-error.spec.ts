import { classifyMailError, redactAddresses } from './classify-mail-error';
import { PermanentMailError, TransientMailError } from './mail-errors';

/** Builds an error shaped the way nodemailer shapes them. */
function nodemailerError(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

describe('classifyMailError', () => {
  it.each([
    [550, PermanentMailError],
    [552, PermanentMailError],
    [554, PermanentMailError],
    [503, TransientMailError],
    [421, TransientMailError],
    [450, TransientMailError],
    [451, TransientMailError],
  ])('classifies SMTP reply %i', (responseCode, expected) => {
    const err = classifyMailError(nodemailerError('Message failed', { code: 'EMESSAGE', responseCode }));
    expect(err).toBeInstanceOf(expected);
    expect(err.responseCode).toBe(responseCode);
    expect(err.code).toBe('EMESSAGE');
  });

  it('treats all recipients refused with 5xx as permanent, and deferred with 4xx as transient', () => {
    const refused = nodemailerError(
      "Can't send mail - all recipients were rejected: 550 5.1.1 No such user",
      {
        code: 'EENVELOPE',
        responseCode: 550,
        rejected: ['a@x.vn'],
      },
    );
    const deferred = nodemailerError("Can't send mail - all recipients were rejected: 451 Try later", {
      code: 'EENVELOPE',
      responseCode: 451,
      rejected: ['a@x.vn'],
    });
    expect(classifyMailError(refused)).toBeInstanceOf(PermanentMailError);
    expect(classifyMailError(deferred)).toBeInstanceOf(TransientMailError);
  });

  it.each(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'ETLS'])('treats %s as transient', (code) => {
    expect(classifyMailError(nodemailerError('boom', { code }))).toBeInstanceOf(TransientMailError);
  });

  it.each(['EENVELOPE', 'ECONFIG', 'ENOAUTH'])('treats %s without a reply as permanent', (code) => {
    expect(classifyMailError(nodemailerError('bad input', { code }))).toBeInstanceOf(PermanentMailError);
  });

  it('treats anything unrecognised as transient so the retry policy decides', () => {
    const err = classifyMailError('weird');
    expect(err).toBeInstanceOf(TransientMailError);
    expect(err.code).toBe('EUNKNOWN');
  });

  it('keeps recipient addresses out of the message', () => {
    const err = classifyMailError(
      nodemailerError('Recipient rejected: 550 <nguyen.van.a@gia-binh.bacninh.gov.vn>: unknown', {
        code: 'EENVELOPE',
        responseCode: 550,
        command: 'RCPT TO',
      }),
    );
    expect(err.message).not.toContain('nguyen.van.a');
    expect(err.message).toContain('***@gia-binh.bacninh.gov.vn');
    expect(err.message).toContain('EENVELOPE 550 at RCPT TO');
    expect(err.cause).toBeUndefined();
  });

  it('passes through an error that is already classified', () => {
    const err = new PermanentMailError('x', 'EENVELOPE');
    expect(classifyMailError(err)).toBe(err);
  });
});

describe('redactAddresses', () => {
  it('hides the local part and keeps the domain', () => {
    expect(redactAddresses('to a.b+c@x.vn, "d@y.com"')).toBe('to ***@x.vn, "***@y.com"');
  });
});
