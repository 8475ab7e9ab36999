import { ResourceRegistry, UnknownResourceError } from '../../resources';
import type { NotificationConfig, NotificationEventTemplates } from '../../resources/sections/notifications.section';
import type { Channel } from './recipients';

export interface ResolvedNotification {
  config: NotificationConfig;
  templates: NotificationEventTemplates;
}

/** The registry key of each input channel: the input says `push_notification`, the registry `push`. */
export const REGISTRY_CHANNEL = { email: 'email', push_notification: 'push', sms: 'sms', callback: 'callback' } as const satisfies Record<Channel, keyof NotificationConfig>;

/** A notification and one of its events, for one env; UnknownResourceError (404) names what is missing. */
export function resolveNotification(registry: ResourceRegistry, product: string, env: string, notification: string, event: string): ResolvedNotification {
  const config = registry.entry<NotificationConfig>(product, env, 'notifications', notification, 'notification');
  if (!Object.hasOwn(config.events, event)) {
    throw new UnknownResourceError('event', event, 'event', `Unknown event '${event}' for notification '${notification}' in product '${product}'`);
  }
  return { config, templates: config.events[event] };
}

/**
 * Why the notification cannot send on `channel` for this event: the channel is not configured, or the
 * event has no template for it (a callback needs none). Undefined when it can.
 */
export function channelProblem(resolved: ResolvedNotification, channel: Channel, notification: string, event: string): string | undefined {
  const key = REGISTRY_CHANNEL[channel];
  if (resolved.config[key] === undefined) return `input.${channel} is not configured for notification '${notification}'`;
  if (key !== 'callback' && resolved.templates[key] === undefined) {
    return `input.${channel} has no ${key} template in event '${event}' of notification '${notification}'`;
  }
  return undefined;
}
