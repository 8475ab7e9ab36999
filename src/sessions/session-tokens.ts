import { Inject, Injectable } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { hkdfSync, randomUUID } from 'node:crypto';
import { DISPATCH_CONFIG, DispatchConfig } from '../config/dispatch-config';
import { InvalidSessionError } from './session-errors';

const ISSUER = 'dispatch';
const ALGORITHM = 'HS256';
// Its own key, derived apart from the data key, so that one secret never serves two purposes.
const HKDF_SALT = 'dispatch-session';
const HKDF_INFO = 'session token hs256 v1';

/** What a token is good for: one session type of one product in one env. */
export interface SessionBinding {
  product: string;
  env: string;
  tag: string;
}

/** A verified token's claims. */
export interface SessionClaims {
  jti: string;
  /** Epoch seconds. */
  exp: number;
  /** The session data as SessionCipher encrypted it. */
  data: string;
}

/** `aud` of a token: a token for one binding fails the audience check of any other. */
export function sessionAudience(binding: SessionBinding): string {
  return `dispatch:session:${encodeURIComponent(binding.product)}:${encodeURIComponent(binding.env)}:${encodeURIComponent(binding.tag)}`;
}

/**
 * Signs and checks session tokens: compact JWS (HS256) with `iss`, `aud` and the product, env and
 * tag as claims, a random `jti` (the handle revocation uses) and `exp`. The session data travels in
 * the token encrypted, so a client holding a token cannot read what the server keeps in it.
 */
@Injectable()
export class SessionTokens {
  private readonly key: Uint8Array;

  constructor(@Inject(DISPATCH_CONFIG) config: Pick<DispatchConfig, 'sessionSecret'>) {
    this.key = new Uint8Array(hkdfSync('sha256', config.sessionSecret, HKDF_SALT, HKDF_INFO, 32));
  }

  /** `expiresAt`: epoch seconds. */
  async sign(binding: SessionBinding, encryptedData: string, expiresAt: number): Promise<{ token: string; jti: string }> {
    const jti = randomUUID();
    const token = await new SignJWT({ product: binding.product, env: binding.env, tag: binding.tag, data: encryptedData })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(sessionAudience(binding))
      .setJti(jti)
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, jti };
  }

  /** Throws InvalidSessionError: `expired`, `mismatch` (another binding) or `invalid` (anything else). */
  async verify(token: string, binding: SessionBinding): Promise<SessionClaims> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key, { algorithms: [ALGORITHM], issuer: ISSUER, requiredClaims: ['jti', 'exp', 'aud'] }));
    } catch (error) {
      throw new InvalidSessionError(error instanceof errors.JWTExpired ? 'expired' : 'invalid');
    }
    const { jti, exp, data, aud } = payload;
    if (typeof jti !== 'string' || typeof exp !== 'number' || typeof data !== 'string') throw new InvalidSessionError('invalid');
    const bound = aud === sessionAudience(binding) && payload.product === binding.product && payload.env === binding.env && payload.tag === binding.tag;
    if (!bound) throw new InvalidSessionError('mismatch');
    return { jti, exp, data };
  }
}
