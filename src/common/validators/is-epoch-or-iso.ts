import { registerDecorator, ValidationOptions } from 'class-validator';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An instant as epoch milliseconds or an ISO 8601 string. */
export function IsEpochOrIso(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isEpochOrIso',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be epoch milliseconds or an ISO 8601 date', ...options },
      validator: {
        validate: (value: unknown) =>
          (typeof value === 'number' && Number.isFinite(value) && value >= 0) ||
          (typeof value === 'string' && ISO_8601.test(value) && !Number.isNaN(Date.parse(value))),
      },
    });
}
