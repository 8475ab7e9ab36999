import type { JobEntity } from '../../scheduler/entities/job.entity';
import type { Delivery, NotificationResult } from './delivery';
import type { NotificationInput } from './notifications.executor';

/**
 * In a job that carries session data, a recipient resolved from an expression (`$Session{user}{email}`)
 * is that data in clear. Its deliveries are recorded as `[derived recipient n]` instead, in the run's
 * result and error, which `GET /jobs/:id/runs` shows; recipients written out in the input stay as they
 * are. Jobs without session data keep every address, for whoever reads their runs to act on failures.
 */
export function hideDerivedRecipients(job: Pick<JobEntity, 'sessionData' | 'input'>, result: NotificationResult): NotificationResult {
  if (!job.sessionData) return result;
  const input = job.input as NotificationInput;
  const written = new Set(
    [...(input.email?.recipients ?? []), ...(input.sms?.recipients ?? []), ...(input.push_notification?.device_tokens ?? [])].filter(
      (recipient) => typeof recipient === 'string' && !recipient.includes('$'),
    ),
  );
  const hidden: NotificationResult = {};
  for (const [channel, deliveries] of Object.entries(result) as Array<[keyof NotificationResult, Delivery[]]>) {
    // A callback's `to` is its method and origin, from the registry.
    if (channel === 'callback') {
      hidden[channel] = deliveries;
      continue;
    }
    let derived = 0;
    hidden[channel] = deliveries.map((delivery) => (written.has(delivery.to) ? delivery : { ...delivery, to: `[derived recipient ${++derived}]` }));
  }
  return hidden;
}
