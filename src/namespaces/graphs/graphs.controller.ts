import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../auth/auth.decorators';
import type { Caller } from '../../auth/caller';
import { DispatchEndpoint } from '../../common/decorators/dispatch-endpoint.decorator';
import { IdempotencyKey } from '../../common/decorators/idempotency-key.decorator';
import { DispatchResultDto } from '../../common/dto/dispatch-result.dto';
import { DispatchGraphOperationDto } from './dto/dispatch-graph-operation.dto';
import { GraphsDispatchService } from './graphs-dispatch.service';

@ApiTags('graphs')
@Controller('graphs')
export class GraphsController {
  constructor(private readonly graphs: GraphsDispatchService) {}

  @DispatchEndpoint({
    summary: 'Schedule an operation on a registry graph (nodes, relationships, neighborhood, shortest path): now, at a time, on a cron or every N ms.',
    badRequest: "A field is invalid, or the input does not fit the operation (an unknown argument, a bad filter or id); the body names the field.",
    notFound: 'The product, env or graph is not in the registry.',
  })
  dispatch(@Body() dto: DispatchGraphOperationDto, @IdempotencyKey() idempotencyKey?: string, @CurrentCaller() caller?: Caller): Promise<DispatchResultDto> {
    return this.graphs.dispatchOperation(dto, idempotencyKey, caller);
  }
}
