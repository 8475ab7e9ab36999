import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../auth/auth.decorators';
import type { Caller } from '../../auth/caller';
import { DispatchEndpoint } from '../../common/decorators/dispatch-endpoint.decorator';
import { IdempotencyKey } from '../../common/decorators/idempotency-key.decorator';
import { DispatchResultDto } from '../../common/dto/dispatch-result.dto';
import { DispatchNotificationDto } from './dto/dispatch-notification.dto';
import { NotificationsDispatchService } from './notifications-dispatch.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsDispatchService) {}

  @DispatchEndpoint({
    summary: 'Schedule a notification by email, push, SMS and/or signed callback: now, at a time, on a cron or every N ms.',
    badRequest: 'A field is invalid, or the input names a channel the notification does not configure; the body names the field.',
    notFound: 'The product, env, notification or event is not in the registry.',
  })
  dispatch(@Body() dto: DispatchNotificationDto, @IdempotencyKey() idempotencyKey?: string, @CurrentCaller() caller?: Caller): Promise<DispatchResultDto> {
    return this.notifications.dispatch(dto, idempotencyKey, caller);
  }
}
