import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InvalidRequestError } from '../common/errors/domain-errors';
import { DISPATCH_CONFIG, DispatchConfig } from '../config/dispatch-config';
import { ResourceRegistry } from '../resources';
import type { ResolvedSessionType } from '../resources/sections/sessions.section';
import { SessionCipher } from './session-cipher';
import { InvalidSessionError, SessionCipherError } from './session-errors';
import { SessionRevocations } from './session-revocations';
import { SessionSchemas } from './session-schemas';
import { SessionBinding, SessionTokens } from './session-tokens';

/** Session data rides, encrypted, inside every token; the bound keeps a token small enough to pass around. */
export const MAX_SESSION_DATA_BYTES = 16 * 1024;

export interface StartedSession {
  token: string;
  /** Epoch ms after which the token is refused. */
  expiresAt: number;
}

export interface VerifiedSession {
  data: unknown;
  /** Epoch ms after which the token is refused. */
  expiresAt: number;
}

/**
 * Sessions (DESIGN §6): a client starts one with data, gets a token bound to product, env and
 * session tag, and passes the token with dispatches that use `$Session{…}`. The token is never
 * stored or logged here; only a revoked token's random id is kept, in Redis, until it would expire.
 */
@Injectable()
export class SessionsService implements OnModuleInit {
  private readonly logger = new Logger(SessionsService.name);

  constructor(
    private readonly registry: ResourceRegistry,
    private readonly schemas: SessionSchemas,
    private readonly tokens: SessionTokens,
    private readonly cipher: SessionCipher,
    private readonly revocations: SessionRevocations,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.sessionSecretGenerated) {
      this.logger.warn(
        'SESSION_SECRET is not set: this process made up its own, so session tokens and session data stop working ' +
          'at restart and in other processes (API_PROCESSES > 1, ROLE=worker). Set SESSION_SECRET (32+ characters).',
      );
    }
  }

  /** Throws UnknownResourceError (404) for an unknown product, env or tag; InvalidRequestError (400) for bad data. */
  async start(product: string, env: string, tag: string, data: unknown): Promise<StartedSession> {
    const type = this.sessionType({ product, env, tag });
    this.schemas.validate(product, tag, data);
    const size = Buffer.byteLength(JSON.stringify(data));
    if (size > MAX_SESSION_DATA_BYTES) {
      throw new InvalidRequestError('data', `data is ${size} bytes as JSON; at most ${MAX_SESSION_DATA_BYTES} are accepted`);
    }
    const encrypted = this.cipher.encrypt(data);
    // Whole seconds, rounded up: a token never lives shorter than its type's expiry.
    const exp = Math.ceil((Date.now() + type.expiry) / 1000);
    const { token } = await this.tokens.sign({ product, env, tag }, encrypted, exp);
    return { token, expiresAt: exp * 1000 };
  }

  /**
   * The session behind a token, for this product, env and tag only. Throws InvalidSessionError (401)
   * when the token is invalid, expired, revoked or issued for another product, env or tag.
   */
  async verify(product: string, env: string, tag: string, token: string): Promise<VerifiedSession> {
    const binding = { product, env, tag };
    this.sessionType(binding);
    const claims = await this.tokens.verify(token, binding);
    if (await this.revocations.isRevoked(claims.jti)) throw new InvalidSessionError('revoked');
    let data: unknown;
    try {
      data = this.cipher.decrypt(claims.data);
    } catch (error) {
      // Signed by us but sealed under another data key (SESSION_ENCRYPTION_KEY changed): unusable.
      if (error instanceof SessionCipherError) throw new InvalidSessionError('invalid');
      throw error;
    }
    return { data, expiresAt: claims.exp * 1000 };
  }

  /** Ends a session before its expiry; revoking it again is harmless. Throws like `verify` for a token it cannot read. */
  async revoke(product: string, env: string, tag: string, token: string): Promise<void> {
    const binding = { product, env, tag };
    this.sessionType(binding);
    const claims = await this.tokens.verify(token, binding);
    await this.revocations.revoke(claims.jti, claims.exp);
  }

  private sessionType(binding: SessionBinding): ResolvedSessionType {
    return this.registry.entry<ResolvedSessionType>(binding.product, binding.env, 'sessions', binding.tag, 'tag');
  }
}
