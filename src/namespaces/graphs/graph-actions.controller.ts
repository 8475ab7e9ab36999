import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../auth/auth.decorators';
import type { Caller } from '../../auth/caller';
import { DispatchEndpoint } from '../../common/decorators/dispatch-endpoint.decorator';
import { IdempotencyKey } from '../../common/decorators/idempotency-key.decorator';
import { DispatchResultDto } from '../../common/dto/dispatch-result.dto';
import { DispatchGraphActionDto } from './dto/dispatch-graph-action.dto';
import { GraphsDispatchService } from './graphs-dispatch.service';

@ApiTags('graphs')
@Controller('graphs/actions')
export class GraphActionsController {
  constructor(private readonly graphs: GraphsDispatchService) {}

  @DispatchEndpoint({
    summary: 'Schedule a named action of a registry graph (an operation template): now, at a time, on a cron or every N ms.',
    badRequest: 'A field is invalid, a placeholder of the action has no value (or an object for a value), or the filled action does not fit its operation; the body names the field.',
    notFound: 'The product, env, graph or action is not in the registry.',
  })
  dispatch(@Body() dto: DispatchGraphActionDto, @IdempotencyKey() idempotencyKey?: string, @CurrentCaller() caller?: Caller): Promise<DispatchResultDto> {
    return this.graphs.dispatchAction(dto, idempotencyKey, caller);
  }
}
