import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { DispatchOptionsDto } from '../../../common/dto/dispatch-options.dto';
import { InOrder, Name } from '../../../common/validators/in-order';
import { AsParsed } from '../../databases/dto/dispatch-database-operation.dto';

export class DispatchGraphActionDto extends DispatchOptionsDto {
  @ApiProperty({ description: 'A graph of the product in the registry.', example: 'session-graph' })
  @Name(128)
  graph: string;

  @ApiProperty({ description: 'A named action of the graph in the registry.', maxLength: 128, example: 'expire' })
  @InOrder(IsNotEmpty(), IsString(), MaxLength(128))
  event: string;

  @ApiPropertyOptional({
    description: 'Placeholder values: `{{name}}` in the action takes input.query.name, else input.data.name. Values are scalars or lists of scalars, always bound as parameters.',
    type: 'object',
    additionalProperties: true,
    example: { query: { before: '2026-01-01T00:00:00Z' } },
  })
  @IsOptional()
  @AsParsed()
  @IsObject()
  input?: Record<string, unknown>;
}
