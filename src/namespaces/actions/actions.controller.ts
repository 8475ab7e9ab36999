import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../auth/auth.decorators';
import type { Caller } from '../../auth/caller';
import { DispatchEndpoint } from '../../common/decorators/dispatch-endpoint.decorator';
import { IdempotencyKey } from '../../common/decorators/idempotency-key.decorator';
import { DispatchResultDto } from '../../common/dto/dispatch-result.dto';
import { ActionsDispatchService } from './actions-dispatch.service';
import { DispatchActionDto } from './dto/dispatch-action.dto';

@ApiTags('actions')
@Controller('actions')
export class ActionsController {
  constructor(private readonly actions: ActionsDispatchService) {}

  @DispatchEndpoint({
    summary: 'Schedule an HTTP call to an app action: now, at a time, on a cron or every N ms.',
    badRequest: 'A field is invalid; the body names it.',
    notFound: 'The product, env, app or event is not in the registry.',
  })
  dispatch(@Body() dto: DispatchActionDto, @IdempotencyKey() idempotencyKey?: string, @CurrentCaller() caller?: Caller): Promise<DispatchResultDto> {
    return this.actions.dispatch(dto, idempotencyKey, caller);
  }
}
