import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsIn, IsObject } from 'class-validator';
import { DispatchOptionsDto } from '../../../common/dto/dispatch-options.dto';
import { InOrder, Name } from '../../../common/validators/in-order';
import { GRAPH_OPERATIONS } from '../../../resources/sections/graphs.section';
import { AsParsed } from '../../databases/dto/dispatch-database-operation.dto';

export class DispatchGraphOperationDto extends DispatchOptionsDto {
  @ApiProperty({ description: 'A graph of the product in the registry.', example: 'session-graph' })
  @Name(128)
  graph: string;

  @ApiProperty({ enum: GRAPH_OPERATIONS, example: 'findNodes' })
  @InOrder(IsDefined(), IsIn(GRAPH_OPERATIONS, { message: `$property must be one of ${GRAPH_OPERATIONS.join(', ')}` }))
  operation: string;

  @ApiProperty({
    description:
      "The operation's arguments. Nodes: `labels`, `properties` (createNode); `labels`, `match`, `properties` (mergeNode); " +
      '`labels`, `filter`, `limit`, `offset` (findNodes, countNodes); `set`, `unset` (updateNodes); `detach` (deleteNodes); ' +
      '`all: true` to update or delete without labels or filter. Relationships: `type`, `from`, `to` (node ids), `properties`, `filter`. ' +
      'Traversals: `node`, `depth` (≤ 5), `direction` (out, in, both), `type`, `limit` (getNeighborhood); `from`, `to`, `maxDepth` (shortestPath). ' +
      '`filter` applies the filter language ($eq $ne $gt $gte $lt $lte $in $nin $like $exists $between $and $or $not) to properties; every value is bound as a parameter.',
    type: 'object',
    additionalProperties: true,
    example: { labels: ['Session'], filter: { expired: true }, limit: 50 },
  })
  @AsParsed()
  @IsDefined()
  @IsObject()
  input: Record<string, unknown>;
}
