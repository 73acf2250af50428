import type { Type } from '@nestjs/common';
import { createValidationPipe } from '../common/validation.pipe';

const pipe = createValidationPipe();

/**
 * The application's usual body validation, for a route whose body class depends on the request
 * (one route, JSON or multipart): unknown fields refused, each problem naming its field.
 */
export async function validateBody<T>(metatype: Type<T>, value: unknown): Promise<T> {
  return (await pipe.transform(value ?? {}, { type: 'body', metatype })) as T;
}
