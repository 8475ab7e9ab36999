import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse, DECORATORS } from '@nestjs/swagger';
import type { ApiScope, Caller } from './caller';
import { ErrorResponseDto } from '../docs/error-response.dto';
import type { CallerRequest } from './api-key.guard';

export const IS_PUBLIC = 'dispatch:public';
export const REQUIRED_SCOPE = 'dispatch:scope';

/**
 * No API key needed (health). Also clears the operation's security in the OpenAPI document, so Swagger
 * UI does not send a key and shows no lock.
 */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), SetMetadata(DECORATORS.API_SECURITY, []));

/** The scope an endpoint needs; endpoints without it need the dispatch scope. */
export const RequireScope = (scope: ApiScope): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_SCOPE, scope);

/** Admin endpoints: only keys of `ADMIN_API_KEYS`; a dispatch key gets a 403. Put it on the controller class. */
export const AdminScope = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    RequireScope('admin'),
    ApiForbiddenResponse({ description: 'The API key is a dispatch key; this endpoint needs an admin key.', type: ErrorResponseDto }),
  );

/** The authenticated caller of this request (undefined where the guard did not run). */
export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller | undefined => {
  return ctx.switchToHttp().getRequest<CallerRequest>().caller;
});
