import { isEmail } from 'class-validator';

/** The input keys of the channels, as a dispatch names them. */
export const CHANNELS = ['email', 'push_notification', 'sms', 'callback'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Most recipients one channel of one dispatch may name; more belong in several jobs. */
export const MAX_RECIPIENTS = 100;
export const MAX_DEVICE_TOKEN_LENGTH = 4096;

export type RecipientKind = 'email' | 'phone' | 'device_token';

/**
 * A reference resolved at each run (`$Session{user}{email}`, `$Input{email}`, DESIGN §6): its value is
 * unknown at dispatch, so it is checked when the occurrence runs instead.
 */
const EXPRESSION = /\$[A-Za-z]+[({]/;
const E164 = /^\+[1-9]\d{1,14}$/;
const DEVICE_TOKEN = /^[^\s\x00-\x1f\x7f]+$/;

export const RECIPIENT_RULES: Record<RecipientKind, { describe: string; plural: string; accepts: (value: string) => boolean }> = {
  email: { describe: 'an email address', plural: 'email addresses', accepts: (value) => isEmail(value) },
  phone: { describe: 'a phone number in E.164 form (+15550001234)', plural: 'phone numbers', accepts: (value) => E164.test(value) },
  device_token: {
    describe: `a device token (1 to ${MAX_DEVICE_TOKEN_LENGTH} characters, no spaces)`,
    plural: 'device tokens',
    accepts: (value) => value.length <= MAX_DEVICE_TOKEN_LENGTH && DEVICE_TOKEN.test(value),
  },
};

export function isExpression(value: string): boolean {
  return EXPRESSION.test(value);
}

/** Whether a value may stand in a recipient list at dispatch: a well-formed recipient or an expression. */
export function isDispatchableRecipient(kind: RecipientKind, value: unknown): boolean {
  return typeof value === 'string' && value !== '' && (isExpression(value) || RECIPIENT_RULES[kind].accepts(value));
}

/** Why a list is not a valid recipient list, naming the first bad index; undefined when it is valid. */
export function recipientListProblem(kind: RecipientKind, value: unknown): string | undefined {
  if (!Array.isArray(value)) return `must be a list of ${RECIPIENT_RULES[kind].plural}`;
  if (value.length === 0) return 'must not be empty';
  if (value.length > MAX_RECIPIENTS) return `must hold at most ${MAX_RECIPIENTS} recipients`;
  const bad = value.findIndex((item) => !isDispatchableRecipient(kind, item));
  return bad === -1 ? undefined : `[${bad}] must be ${RECIPIENT_RULES[kind].describe}`;
}

/**
 * The recipients one run sends to: each once (addresses compare without case), in the order given.
 * The key is what the delivery ledger and the result use for the recipient.
 */
export function distinctRecipients(kind: RecipientKind, values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const key = kind === 'email' ? value.trim().toLowerCase() : value.trim();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(value.trim());
  }
  return out;
}
