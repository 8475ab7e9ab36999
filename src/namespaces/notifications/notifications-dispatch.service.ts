import type { Caller } from '../../auth/caller';
import { Injectable } from '@nestjs/common';
import { instanceToPlain } from 'class-transformer';
import { InvalidRequestError } from '../../common/errors/domain-errors';
import { ResourceRegistry } from '../../resources';
import type { DispatchResult } from '../../scheduler/dispatch-request';
import { idempotencyContext, toDispatchRequest } from '../../scheduler/dispatch-request.factory';
import { SchedulerService } from '../../scheduler/scheduler.service';
import { missingCallbackParam } from './channels/callback-request';
import type { DispatchNotificationDto } from './dto/dispatch-notification.dto';
import { channelProblem, resolveNotification } from './notification-config';
import { CHANNELS } from './recipients';

/** Checks a notification dispatch against the registry, then hands it to the scheduler. */
@Injectable()
export class NotificationsDispatchService {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly scheduler: SchedulerService,
  ) {}

  dispatch(dto: DispatchNotificationDto, idempotencyKey?: string, caller?: Caller): Promise<DispatchResult> {
    const resolved = resolveNotification(this.registry, dto.product, dto.env, dto.notification, dto.event);
    const named = CHANNELS.filter((channel) => dto.input[channel] != null);
    if (named.length === 0) throw new InvalidRequestError('input', `input must name at least one channel: ${CHANNELS.join(', ')}`);
    for (const channel of named) {
      const problem = channelProblem(resolved, channel, dto.notification, dto.event);
      if (problem) throw new InvalidRequestError(`input.${channel}`, problem);
    }
    if (dto.input.callback && resolved.config.callback) {
      const missing = missingCallbackParam(resolved.config.callback, dto.input.callback);
      if (missing) throw new InvalidRequestError(missing.field, missing.message);
    }
    const input = instanceToPlain(dto.input) as Record<string, unknown>;
    return this.scheduler.dispatch(
      toDispatchRequest('notifications', dto, { target: dto.notification, event: dto.event, input }, caller),
      idempotencyContext('notifications', dto, idempotencyKey, caller),
    );
  }
}
