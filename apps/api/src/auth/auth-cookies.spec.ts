import type { Request } from 'express';
import { credentialsOf } from './auth-cookies';

const TOKEN = 'A'.repeat(21) + '-_' + 'z'.repeat(20);
const req = (headers: Record<string, string>) => ({ headers }) as unknown as Request;

describe('credentialsOf', () => {
  it('takes a bearer token first, else the session cookie', () => {
    expect(credentialsOf(req({ authorization: `Bearer ${TOKEN}` }))).toEqual({ token: TOKEN, via: 'bearer' });
    expect(credentialsOf(req({ authorization: `bearer  ${TOKEN} ` }))).toEqual({
      token: TOKEN,
      via: 'bearer',
    });
    expect(credentialsOf(req({ cookie: `a=1; dondoc_session=${TOKEN}; dondoc_csrf=x` }))).toEqual({
      token: TOKEN,
      via: 'cookie',
    });
    expect(
      credentialsOf(req({ authorization: `Bearer ${TOKEN}`, cookie: `dondoc_session=${'B'.repeat(43)}` })),
    ).toEqual({ token: TOKEN, via: 'bearer' });
  });

  it('answers undefined without credentials and malformed for anything not shaped like an issued token', () => {
    expect(credentialsOf(req({}))).toBeUndefined();
    expect(credentialsOf(req({ cookie: 'dondoc_csrf=x' }))).toBeUndefined();
    expect(credentialsOf(req({ authorization: 'Basic dXNlcjpwYXNz' }))).toBe('malformed');
    expect(credentialsOf(req({ authorization: `Bearer ${TOKEN}x` }))).toBe('malformed');
    expect(credentialsOf(req({ cookie: 'dondoc_session=%27%20OR%201%3D1' }))).toBe('malformed');
  });
});
