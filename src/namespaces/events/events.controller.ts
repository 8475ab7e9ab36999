import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { IdempotencyKey } from '../../common/decorators/idempotency-key.decorator';
import { DispatchResultDto } from '../../common/dto/dispatch-result.dto';
import { DispatchEventDto } from './dto/dispatch-event.dto';
import { EventsDispatchService } from './events-dispatch.service';

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsDispatchService) {}

  @Post('dispatch')
  @HttpCode(201)
  @ApiOperation({ summary: 'Schedule a message published to a broker (RabbitMQ, Redis, NATS JetStream, MQTT): now, at a time, on a cron or every N ms.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat with the same key and body returns the first answer.' })
  @ApiCreatedResponse({ type: DispatchResultDto })
  @ApiBadRequestResponse({ description: 'A field is invalid, or the event or headers do not suit the broker; the body names the field.' })
  @ApiNotFoundResponse({ description: 'The product, env or broker is not in the registry.' })
  @ApiUnprocessableEntityResponse({ description: 'The Idempotency-Key was used with another body.' })
  dispatch(@Body() dto: DispatchEventDto, @IdempotencyKey() idempotencyKey?: string): Promise<DispatchResultDto> {
    return this.events.dispatch(dto, idempotencyKey);
  }
}
