import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../auth/auth.decorators';
import type { Caller } from '../../auth/caller';
import { DispatchEndpoint } from '../../common/decorators/dispatch-endpoint.decorator';
import { IdempotencyKey } from '../../common/decorators/idempotency-key.decorator';
import { DispatchResultDto } from '../../common/dto/dispatch-result.dto';
import { DatabaseActionsDispatchService } from './database-actions-dispatch.service';
import { DispatchDatabaseActionDto } from './dto/dispatch-database-action.dto';

@ApiTags('databases')
@Controller('databases/actions')
export class DatabaseActionsController {
  constructor(private readonly actions: DatabaseActionsDispatchService) {}

  @DispatchEndpoint({
    summary: 'Schedule a named action of a registry database (an operation template or parameterised SQL): now, at a time, on a cron or every N ms.',
    badRequest: 'A field is invalid, or a placeholder of the action has no value (or an object for a value) in input.query or input.data; the body names the field.',
    notFound: 'The product, env, database or action is not in the registry.',
  })
  dispatch(@Body() dto: DispatchDatabaseActionDto, @IdempotencyKey() idempotencyKey?: string, @CurrentCaller() caller?: Caller): Promise<DispatchResultDto> {
    return this.actions.dispatch(dto, idempotencyKey, caller);
  }
}
