import type { ExampleObject } from '@nestjs/swagger';
import type { DispatchActionDto } from '../namespaces/actions/dto/dispatch-action.dto';
import type { DispatchEventDto } from '../namespaces/events/dto/dispatch-event.dto';
import type { DispatchNotificationDto } from '../namespaces/notifications/dto/dispatch-notification.dto';
import type { DispatchStorageDto } from '../namespaces/storage/dto/dispatch-storage.dto';

/** A plain body that type-checks against its DTO, so an example cannot drift from the fields it shows. */
type Body<T> = { [K in keyof T]: T[K] extends object | undefined ? unknown : T[K] };
const example = <T>(summary: string, value: Body<T>): ExampleObject => ({ summary, value });

/**
 * Example bodies of each `POST <path>/dispatch`, from the scheduling guide; the first of each is what
 * Swagger UI fills in for "Try it out". Products, apps and brokers named here must exist in the
 * registry for a request to succeed. A new namespace adds its path and examples here.
 */
export const DISPATCH_EXAMPLES: Record<string, Record<string, ExampleObject>> = {
  '/actions/dispatch': {
    welcome: example<DispatchActionDto>('Send a welcome email, 3 retries', {
      env: 'prd',
      product: 'my-app',
      app: 'email-service',
      event: 'send_welcome_email',
      input: { body: { userId: 'user_123', email: 'john@example.com' } },
      retries: 3,
    }),
    at_time: example<DispatchActionDto>('Run at a specific time', {
      env: 'prd',
      product: 'marketing',
      app: 'campaign-service',
      event: 'send_campaign',
      input: { body: { campaignId: 'camp_123', audience: 'active_users' } },
      retries: 2,
      schedule: { start_at: '2030-01-15T10:00:00Z' },
    }),
    cron: example<DispatchActionDto>('Every weekday at 9 AM New York time, 4 times', {
      env: 'prd',
      product: 'my-app',
      app: 'email-service',
      event: 'send_welcome_email',
      input: { body: { userId: 'user_123', email: 'john@example.com' } },
      retries: 3,
      schedule: { cron: '0 9 * * MON-FRI', tz: 'America/New_York', limit: 4 },
    }),
  },
  '/notifications/dispatch': {
    weekly_reminder: example<DispatchNotificationDto>('Weekly reminder, only 4 times', {
      env: 'prd',
      product: 'reminders',
      notification: 'user-notifications',
      event: 'send_reminder',
      input: { email: { recipients: ['user@example.com'] } },
      retries: 2,
      schedule: { every: 604_800_000, limit: 4 },
    }),
  },
  '/storage/dispatch': {
    upload: example<DispatchStorageDto>('Upload a file at a given time', {
      env: 'prd',
      product: 'my-app',
      storage: 'files',
      event: 'upload',
      input: { fileName: 'reports/2030-01.txt', buffer: 'aGVsbG8gd29ybGQ=', mimeType: 'text/plain' },
      retries: 3,
      schedule: { start_at: '2030-01-15T10:00:00Z' },
    }),
    nightly_delete: example<DispatchStorageDto>('Delete a file every night at 3 AM', {
      env: 'prd',
      product: 'my-app',
      storage: 'files',
      event: 'delete',
      input: { fileName: 'tmp/export.csv' },
      schedule: { cron: '0 3 * * *' },
    }),
  },
  '/events/dispatch': {
    daily_until: example<DispatchEventDto>('Publish daily until the end of a year', {
      env: 'prd',
      product: 'promo',
      broker: 'kafka-broker',
      event: 'check_promo_status',
      input: { message: { check: true } },
      retries: 1,
      schedule: { every: 86_400_000, endDate: '2030-12-31T23:59:59Z' },
    }),
  },
};
