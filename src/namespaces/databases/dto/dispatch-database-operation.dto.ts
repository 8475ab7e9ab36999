import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsIn, IsObject } from 'class-validator';
import { DispatchOptionsDto } from '../../../common/dto/dispatch-options.dto';
import { InOrder, Name } from '../../../common/validators/in-order';
import { DATABASE_OPERATIONS } from '../../../resources/sections/databases.section';

/**
 * Takes a JSON value as parsed, without class-transformer's copy: the copy would turn a `__proto__` key
 * into the object's prototype and hide it from the checks, which must see and refuse it.
 */
export const AsParsed = (): PropertyDecorator => Transform(({ obj, key }) => (obj as Record<string, unknown>)[key]);

export class DispatchDatabaseOperationDto extends DispatchOptionsDto {
  @ApiProperty({ description: 'A database of the product in the registry.', example: 'logs-db' })
  @Name(128)
  database: string;

  @ApiProperty({ enum: DATABASE_OPERATIONS, example: 'deleteMany' })
  @InOrder(IsDefined(), IsIn(DATABASE_OPERATIONS, { message: `$property must be one of ${DATABASE_OPERATIONS.join(', ')}` }))
  operation: string;

  @ApiProperty({
    description:
      'The operation\'s arguments: `{ table, filter?, data?, fields?, sort?, limit?, offset?, all? }`, and `groupBy`, `aggregate` ' +
      '(`{ sum|avg|min|max: [columns] }`) for aggregate, `conflict` for upsert. `filter` uses the filter language ' +
      '($eq $ne $gt $gte $lt $lte $in $nin $like $exists $between $and $or $not and the upper-case forms); every value is bound as a parameter.',
    type: 'object',
    additionalProperties: true,
    example: { table: 'logs', filter: { createdAt: { $lt: '2026-01-01T00:00:00Z' } } },
  })
  @AsParsed()
  @IsDefined()
  @IsObject()
  input: Record<string, unknown>;
}
