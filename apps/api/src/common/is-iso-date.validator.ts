import { registerDecorator, ValidationOptions } from 'class-validator';
import { isIsoDate } from '@dondoc/calendar';

/** A real calendar date written `YYYY-MM-DD` (2021-02-30 is refused). */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a date written YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => isIsoDate(value) },
    });
}
