import { registerDecorator, ValidationOptions } from 'class-validator';

type Scalar = 'string' | 'number' | 'boolean';

/** A plain object whose values are all of the given scalar types, with at most `maxKeys` keys. */
export function IsRecordOf(types: Scalar[], maxKeys = 100, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isRecordOf',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property must be an object of ${types.join(' or ')} values (at most ${maxKeys} keys)`, ...options },
      validator: {
        validate: (value: unknown) => {
          if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          return entries.length <= maxKeys && entries.every(([, v]) => types.includes(typeof v as Scalar));
        },
      },
    });
}
