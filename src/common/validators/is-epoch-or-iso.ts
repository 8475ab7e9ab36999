import { registerDecorator, ValidationOptions } from 'class-validator';
import { MAX_STORED_INSTANT } from '../../scheduler/schedule';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An instant as epoch milliseconds or an ISO 8601 string. Milliseconds stop at the end of the year 9999,
 * where MariaDB's DATETIME does: it truncates a later value, so a filter `from` beyond would match every job.
 */
export function IsEpochOrIso(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isEpochOrIso',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be epoch milliseconds or an ISO 8601 date', ...options },
      validator: {
        validate: (value: unknown) =>
          (typeof value === 'number' && value >= 0 && value <= MAX_STORED_INSTANT) ||
          (typeof value === 'string' && ISO_8601.test(value) && !Number.isNaN(Date.parse(value))),
      },
    });
}
