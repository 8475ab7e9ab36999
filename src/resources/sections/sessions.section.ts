import { Check, Invalid } from '../app-field-checks';
import { checkDuration } from './checks';
import { object, optional, raw, scalar, Spec } from './section-spec';

/**
 * The `sessions` section (DESIGN §6): the session types a product issues tokens for.
 *
 * ```yaml
 * sessions:
 *   user:
 *     expiry: 1h                     # tokens of this type are valid for an hour
 *     schema:                        # optional: a JSON Schema the session data must satisfy
 *       type: object
 *       required: [user]
 *       properties: { user: { type: object, required: [email], properties: { email: { type: string, format: email } } } }
 * ```
 * The schema is compiled when the sessions module starts, so a schema Ajv refuses stops start-up
 * with its key path (`products.shop.sessions.user.schema: …`).
 */

export const MIN_SESSION_EXPIRY_MS = 1_000;
export const MAX_SESSION_EXPIRY_MS = 366 * 86_400_000;

/** A session type as `registry.entry(product, env, 'sessions', tag)` returns it. */
export interface ResolvedSessionType {
  /** How long a token stays valid, in ms. */
  expiry: number;
  /** A JSON Schema (draft-07, as Ajv 8 reads it) of the session data. */
  schema?: Record<string, unknown>;
}

const maxExpiry = checkDuration(MAX_SESSION_EXPIRY_MS);

// A token's expiry is carried in whole seconds, so anything shorter would be rounded to nothing.
const checkExpiry: Check<number> = (value) => {
  const ms = maxExpiry(value);
  if (ms instanceof Invalid) return ms;
  return ms >= MIN_SESSION_EXPIRY_MS ? ms : new Invalid(`must be at least ${MIN_SESSION_EXPIRY_MS} ms ("1s")`);
};

export const SESSIONS_SECTION: Spec = object({
  expiry: scalar(checkExpiry),
  // Kept as written: a schema is a map, which a scalar field would read as values per env.
  schema: optional(raw()),
});
