import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../auth/auth.decorators';
import type { Caller } from '../../auth/caller';
import { DispatchEndpoint } from '../../common/decorators/dispatch-endpoint.decorator';
import { IdempotencyKey } from '../../common/decorators/idempotency-key.decorator';
import { DispatchResultDto } from '../../common/dto/dispatch-result.dto';
import { DispatchEventDto } from './dto/dispatch-event.dto';
import { EventsDispatchService } from './events-dispatch.service';

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsDispatchService) {}

  @DispatchEndpoint({
    summary: 'Schedule a message published to a broker (RabbitMQ, Redis, NATS JetStream, MQTT): now, at a time, on a cron or every N ms.',
    badRequest: 'A field is invalid, or the event or headers do not suit the broker; the body names the field.',
    notFound: 'The product, env or broker is not in the registry.',
  })
  dispatch(@Body() dto: DispatchEventDto, @IdempotencyKey() idempotencyKey?: string, @CurrentCaller() caller?: Caller): Promise<DispatchResultDto> {
    return this.events.dispatch(dto, idempotencyKey, caller);
  }
}
