import Handlebars from 'handlebars';
import { Check, checkHeaderValue, checkMethod, Invalid } from '../app-field-checks';
import type { HttpMethod } from '../registry.types';
import { checkDuration, checkOneOf, checkString, checkUrl } from './checks';
import { mapOf, object, optional, scalar, Spec } from './section-spec';

/**
 * The `notifications` section (DESIGN §4): per notification, the channels it can use and, per event,
 * the Handlebars templates of each channel. Types below are an entry as `ResourceRegistry.entry()`
 * returns it for one env.
 */

export const PUSH_PROVIDERS = ['expo', 'fcm'] as const;
export type PushProvider = (typeof PUSH_PROVIDERS)[number];
export const SMS_PROVIDERS = ['twilio'] as const;
export type SmsProvider = (typeof SMS_PROVIDERS)[number];
/** `auto`: STARTTLS when the server offers it; `required`: refuse to send without it; `off`: never. */
export const STARTTLS_MODES = ['auto', 'required', 'off'] as const;
export type StartTlsMode = (typeof STARTTLS_MODES)[number];

export const DEFAULT_NOTIFICATION_TIMEOUT_MS = 30_000;
export const MAX_NOTIFICATION_TIMEOUT_MS = 10 * 60_000;

export interface EmailChannelConfig {
  /** `smtp://[user:pass@]host[:port]` (port 587, STARTTLS per `starttls`) or `smtps://…` (TLS, port 465). */
  smtp: string;
  /** The From header: `Name <address>` or a bare address. */
  from: string;
  starttls: StartTlsMode;
}

export interface PushChannelConfig {
  provider: PushProvider;
  /** The provider's send endpoint, called as is. */
  url: string;
  /** Sent as `Authorization: Bearer …` when present. */
  token?: string;
}

export interface SmsChannelConfig {
  provider: SmsProvider;
  /** The API root; messages go to `${url}/2010-04-01/Accounts/${account}/Messages.json`. */
  url: string;
  account: string;
  token: string;
  from: string;
}

export interface CallbackChannelConfig {
  /** `:name` path segments are filled from the input's `callback.params`. */
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  /** Key of the HMAC-SHA256 signature of the body. */
  secret: string;
}

export interface EmailTemplates {
  subject: string;
  html?: string;
  text?: string;
}

export interface PushTemplates {
  title?: string;
  body: string;
}

export interface SmsTemplates {
  body: string;
}

export interface NotificationEventTemplates {
  email?: EmailTemplates;
  push?: PushTemplates;
  sms?: SmsTemplates;
}

export interface NotificationConfig {
  /** Milliseconds allowed to each provider call and SMTP exchange. */
  timeout: number;
  email?: EmailChannelConfig;
  push?: PushChannelConfig;
  sms?: SmsChannelConfig;
  callback?: CallbackChannelConfig;
  events: Record<string, NotificationEventTemplates>;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const MAILBOX = /^[^\s@<>]+@[^\s@<>]+$/;

/** A Handlebars template that compiles. The reason gives the line only: a template may hold a substituted value. */
export const checkTemplate: Check<string> = (value) => {
  if (typeof value !== 'string') return new Invalid('must be a string (a Handlebars template)');
  try {
    Handlebars.precompile(value);
  } catch (error) {
    const line = /line (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    return new Invalid(`must be a valid Handlebars template${line ? ` (parse error on line ${line})` : ''}`);
  }
  return value;
};

/** `Name <address>` or `address`: what nodemailer takes as the From header. */
export const checkFromAddress: Check<string> = (value) => {
  if (typeof value !== 'string') return new Invalid('must be an email address, optionally as "Name <address>"');
  const address = /<([^<>]*)>\s*$/.exec(value)?.[1] ?? value.trim();
  return MAILBOX.test(address) ? value : new Invalid('must be an email address, optionally as "Name <address>"');
};

const httpUrl = scalar(checkUrl(['http:', 'https:']));

export const NOTIFICATIONS_SECTION: Spec = object({
  timeout: optional(scalar(checkDuration(MAX_NOTIFICATION_TIMEOUT_MS)), DEFAULT_NOTIFICATION_TIMEOUT_MS),
  email: optional(
    object({
      smtp: scalar(checkUrl(['smtp:', 'smtps:'])),
      from: scalar(checkFromAddress),
      starttls: optional(scalar(checkOneOf(STARTTLS_MODES)), 'auto'),
    }),
  ),
  push: optional(
    object({
      provider: scalar(checkOneOf(PUSH_PROVIDERS)),
      url: httpUrl,
      token: optional(scalar(checkString)),
    }),
  ),
  sms: optional(
    object({
      provider: scalar(checkOneOf(SMS_PROVIDERS)),
      url: httpUrl,
      account: scalar(checkString),
      token: scalar(checkString),
      from: scalar(checkString),
    }),
  ),
  callback: optional(
    object({
      url: httpUrl,
      method: optional(scalar(checkMethod), 'POST'),
      headers: optional(mapOf(scalar(checkHeaderValue), { keys: { pattern: HEADER_NAME, message: 'is not a valid HTTP header name' } }), {}),
      secret: scalar(checkString),
    }),
  ),
  events: mapOf(
    object({
      email: optional(
        object({
          subject: scalar(checkTemplate),
          html: optional(scalar(checkTemplate)),
          text: optional(scalar(checkTemplate)),
        }),
      ),
      push: optional(object({ title: optional(scalar(checkTemplate)), body: scalar(checkTemplate) })),
      sms: optional(object({ body: scalar(checkTemplate) })),
    }),
    { nonEmpty: true },
  ),
});
