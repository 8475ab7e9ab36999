import { registerDecorator, ValidationArguments } from 'class-validator';
import { RecipientKind, recipientListProblem } from '../recipients';

/**
 * A non-empty list of recipients of one kind, each well formed or an expression resolved at run time.
 * The message names the first bad entry by index: `recipients[1] must be an email address`.
 */
export function IsRecipientList(kind: RecipientKind): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isRecipientList',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args: ValidationArguments) => {
          const problem = recipientListProblem(kind, args.value) ?? '';
          return `${args.property}${problem.startsWith('[') ? '' : ' '}${problem}`;
        },
      },
      validator: { validate: (value: unknown) => recipientListProblem(kind, value) === undefined },
    });
}
