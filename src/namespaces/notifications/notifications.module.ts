import { Module } from '@nestjs/common';
import { builtInExecutor, getExecutorToken } from '../../scheduler/executor.interface';
import { CallbackChannel } from './channels/callback.channel';
import { EmailChannel } from './channels/email.channel';
import { PushChannel } from './channels/push.channel';
import { SmsChannel } from './channels/sms.channel';
import { DeliveryLedger } from './delivery-ledger';
import { NotificationsController } from './notifications.controller';
import { NotificationsDispatchService } from './notifications-dispatch.service';
import { NotificationsExecutor } from './notifications.executor';

/**
 * The notifications namespace: email over SMTP, push, SMS and signed callbacks, templated per event from
 * the registry. A host app replaces the executor by providing `getExecutorToken('notifications')`.
 */
@Module({
  controllers: [NotificationsController],
  providers: [
    NotificationsDispatchService,
    DeliveryLedger,
    EmailChannel,
    PushChannel,
    SmsChannel,
    CallbackChannel,
    builtInExecutor('notifications', NotificationsExecutor),
  ],
  exports: [NotificationsDispatchService, getExecutorToken('notifications')],
})
export class NotificationsModule {}
