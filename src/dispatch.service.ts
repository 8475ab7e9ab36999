import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { InvalidRequestError } from './common/errors/domain-errors';
import { DISPATCH_ROUTES, DispatchBodies } from './dispatch-routes';
import type { DispatchResult } from './scheduler/dispatch-request';
import type { Namespace } from './scheduler/job-status';

export interface DispatchCallOptions {
  /** As the `Idempotency-Key` header: a repeat with the same body returns the first answer. */
  idempotencyKey?: string;
}

/**
 * Dispatch from code, without HTTP: the body is validated by the same DTO as `POST /<namespace>/dispatch`
 * and the same errors are thrown (`InvalidRequestError`, `UnknownResourceError`, `InvalidScheduleError`…).
 *
 * ```ts
 * await dispatch.dispatch('actions', { env: 'prd', product: 'shop', app: 'mailer', event: 'send_welcome_email', input: { body: { userId } } });
 * ```
 */
@Injectable()
export class DispatchService {
  constructor(private readonly moduleRef: ModuleRef) {}

  async dispatch<N extends Namespace>(namespace: N, body: DispatchBodies[N] | Record<string, unknown>, options: DispatchCallOptions = {}): Promise<DispatchResult> {
    const route = DISPATCH_ROUTES[namespace];
    const dto = plainToInstance(route.dto, body) as DispatchBodies[N];
    const errors = await validate(dto as object, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
    if (errors.length > 0) {
      const [first] = flatten(errors);
      throw new InvalidRequestError(first.path, first.message);
    }
    return route.send(this.moduleRef, dto, options.idempotencyKey);
  }
}

/** Each broken rule with the dotted path of its field, as the REST endpoint words it. */
function flatten(errors: ValidationError[], parent = ''): Array<{ path: string; message: string }> {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message: parent ? `${parent}.${message}` : message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
