import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

/** The scopes of API keys; an admin key may also use every dispatch endpoint. */
export type ApiScope = 'dispatch' | 'admin';

/** Who sent a request: the id of its API key (never the key), or null when the service is open. */
export interface Caller {
  keyId: string | null;
  scope: ApiScope;
}

interface RequestContext {
  caller?: Caller;
}

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * Opens a context for each HTTP request. The auth guard records the caller in it, and the dispatch path
 * reads it from there, so that every namespace (those of today and those to come) stores the key's id
 * with its jobs without each controller and service having to pass it along.
 */
export function requestContextMiddleware(_req: Request, _res: Response, next: NextFunction): void {
  storage.run({}, next);
}

/** Records the caller of the current request; outside a request (a worker, a host app calling us) it is a no-op. */
export function setCurrentCaller(caller: Caller): void {
  const context = storage.getStore();
  if (context) context.caller = caller;
}

/** The caller of the current request, or undefined outside one or before authentication. */
export function currentCaller(): Caller | undefined {
  return storage.getStore()?.caller;
}

/** Runs `fn` as `caller`: for code that dispatches on someone's behalf outside an HTTP request. */
export function runAsCaller<T>(caller: Caller, fn: () => T): T {
  return storage.run({ caller }, fn);
}
