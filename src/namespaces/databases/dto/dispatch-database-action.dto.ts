import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { DispatchOptionsDto } from '../../../common/dto/dispatch-options.dto';
import { InOrder, Name } from '../../../common/validators/in-order';
import { AsParsed } from './dispatch-database-operation.dto';

export class DispatchDatabaseActionDto extends DispatchOptionsDto {
  @ApiProperty({ description: 'A database of the product in the registry.', example: 'logs-db' })
  @Name(128)
  database: string;

  @ApiProperty({ description: 'A named action of the database in the registry.', maxLength: 128, example: 'purge_old' })
  @InOrder(IsNotEmpty(), IsString(), MaxLength(128))
  event: string;

  @ApiPropertyOptional({
    description:
      'Placeholder values: `{{name}}` in a template and `:name` in SQL take input.query.name, else input.data.name. ' +
      'Values are scalars or lists of scalars, always bound as parameters.',
    type: 'object',
    additionalProperties: true,
    example: { query: { before: '2026-01-01T00:00:00Z' } },
  })
  @IsOptional()
  @AsParsed()
  @IsObject()
  input?: Record<string, unknown>;
}
