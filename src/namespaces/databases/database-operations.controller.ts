import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../auth/auth.decorators';
import type { Caller } from '../../auth/caller';
import { DispatchEndpoint } from '../../common/decorators/dispatch-endpoint.decorator';
import { IdempotencyKey } from '../../common/decorators/idempotency-key.decorator';
import { DispatchResultDto } from '../../common/dto/dispatch-result.dto';
import { DatabaseOperationsDispatchService } from './database-operations-dispatch.service';
import { DispatchDatabaseOperationDto } from './dto/dispatch-database-operation.dto';

@ApiTags('databases')
@Controller('databases')
export class DatabaseOperationsController {
  constructor(private readonly operations: DatabaseOperationsDispatchService) {}

  @DispatchEndpoint({
    summary: 'Schedule an operation (find, count, insert, update, delete, upsert, aggregate) on a registry database: now, at a time, on a cron or every N ms.',
    badRequest: 'A field is invalid: an unknown operation or operator, a filter too deep, an $in over 1000 values, an empty filter for updateMany/deleteMany without all: true, a table outside the allow-list; the body names the field.',
    notFound: 'The product, env or database is not in the registry.',
  })
  dispatch(@Body() dto: DispatchDatabaseOperationDto, @IdempotencyKey() idempotencyKey?: string, @CurrentCaller() caller?: Caller): Promise<DispatchResultDto> {
    return this.operations.dispatch(dto, idempotencyKey, caller);
  }
}
