import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { IdempotencyKey } from '../../common/decorators/idempotency-key.decorator';
import { DispatchResultDto } from '../../common/dto/dispatch-result.dto';
import { ActionsDispatchService } from './actions-dispatch.service';
import { DispatchActionDto } from './dto/dispatch-action.dto';

@ApiTags('actions')
@Controller('actions')
export class ActionsController {
  constructor(private readonly actions: ActionsDispatchService) {}

  @Post('dispatch')
  @HttpCode(201)
  @ApiOperation({ summary: 'Schedule an HTTP call to an app action: now, at a time, on a cron or every N ms.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat with the same key and body returns the first answer.' })
  @ApiCreatedResponse({ type: DispatchResultDto })
  @ApiBadRequestResponse({ description: 'A field is invalid; the body names it.' })
  @ApiNotFoundResponse({ description: 'The product, env, app or event is not in the registry.' })
  @ApiUnprocessableEntityResponse({ description: 'The Idempotency-Key was used with another body.' })
  dispatch(@Body() dto: DispatchActionDto, @IdempotencyKey() idempotencyKey?: string): Promise<DispatchResultDto> {
    return this.actions.dispatch(dto, idempotencyKey);
  }
}
