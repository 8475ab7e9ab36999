import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiScope, Caller } from './caller';
import { ApiKeys, presentedKey } from './api-keys';
import { ApiKeyInvalidError, ApiKeyMissingError, ApiKeyScopeError } from './auth-errors';
import { IS_PUBLIC, REQUIRED_SCOPE } from './auth.decorators';

/** What the guard reads of a request, on Express or Fastify alike; it records the caller on it. */
export interface CallerRequest {
  headers: IncomingHttpHeaders;
  caller?: Caller;
}

/** With no key configured, every request acts with both scopes and no key id. */
export const OPEN_CALLER: Caller = Object.freeze({ keyId: null, scope: 'admin' });

const identified = new WeakMap<object, Caller | null>();

/** The caller of a request's key, computed once per request (the rate limiter asks first). */
export function identifyRequest(keys: ApiKeys, req: CallerRequest): Caller | null {
  if (keys.open) return OPEN_CALLER;
  if (identified.has(req)) return identified.get(req) ?? null;
  const key = presentedKey(req.headers);
  const caller = key === undefined ? null : keys.identify(key);
  identified.set(req, caller);
  return caller;
}

/**
 * Every route needs a key of the dispatch scope unless it is `@Public()` or asks for another scope
 * (`@AdminScope()`): 401 without a key or with an unknown one, 403 with a key of the wrong scope.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(ApiKeys) private readonly keys: ApiKeys,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<CallerRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const caller = identifyRequest(this.keys, req);
    if (caller) req.caller = caller;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (!caller) {
      // `header` sets a header on an Express response and on a Fastify reply alike.
      context.switchToHttp().getResponse<{ header(name: string, value: string): unknown }>().header('WWW-Authenticate', 'Bearer realm="dispatch"');
      throw presentedKey(req.headers) === undefined ? new ApiKeyMissingError() : new ApiKeyInvalidError();
    }
    const required = this.reflector.getAllAndOverride<ApiScope | undefined>(REQUIRED_SCOPE, targets) ?? 'dispatch';
    if (required === 'admin' && caller.scope !== 'admin') throw new ApiKeyScopeError(required);
    return true;
  }
}
