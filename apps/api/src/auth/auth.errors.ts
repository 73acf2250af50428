import { HttpException, HttpStatus, UnauthorizedException } from '@nestjs/common';
import type { Response } from 'express';

/** 429: too many failed sign-ins for the username or from the address. */
export class LoginThrottledException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `too many failed sign-in attempts; try again in ${retryAfterSeconds} s`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** One answer for an unknown username, a wrong password and a disabled account. */
export class BadCredentialsException extends UnauthorizedException {
  constructor() {
    super('wrong username or password');
  }
}

/** Puts the headers these answers need (Retry-After, WWW-Authenticate) on the response, then rethrows. */
export async function withAuthHeaders<T>(res: Response, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof LoginThrottledException) res.setHeader('Retry-After', String(e.retryAfterSeconds));
    if (e instanceof BadCredentialsException) res.setHeader('WWW-Authenticate', 'Bearer');
    throw e;
  }
}
