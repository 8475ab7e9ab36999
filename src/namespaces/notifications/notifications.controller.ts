import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { IdempotencyKey } from '../../common/decorators/idempotency-key.decorator';
import { DispatchResultDto } from '../../common/dto/dispatch-result.dto';
import { DispatchNotificationDto } from './dto/dispatch-notification.dto';
import { NotificationsDispatchService } from './notifications-dispatch.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsDispatchService) {}

  @Post('dispatch')
  @HttpCode(201)
  @ApiOperation({ summary: 'Schedule a notification by email, push, SMS and/or signed callback: now, at a time, on a cron or every N ms.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat with the same key and body returns the first answer.' })
  @ApiCreatedResponse({ type: DispatchResultDto })
  @ApiBadRequestResponse({ description: 'A field is invalid, or the input names a channel the notification does not configure; the body names the field.' })
  @ApiNotFoundResponse({ description: 'The product, env, notification or event is not in the registry.' })
  @ApiUnprocessableEntityResponse({ description: 'The Idempotency-Key was used with another body.' })
  dispatch(@Body() dto: DispatchNotificationDto, @IdempotencyKey() idempotencyKey?: string): Promise<DispatchResultDto> {
    return this.notifications.dispatch(dto, idempotencyKey);
  }
}
