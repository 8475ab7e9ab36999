import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const MAX_LENGTH = 255;

/** The `Idempotency-Key` header, or undefined; a 400 when it is empty or longer than 255 characters. */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const value = ctx.switchToHttp().getRequest<{ headers: IncomingHttpHeaders }>().headers[IDEMPOTENCY_HEADER];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      field: 'Idempotency-Key',
      message: [`Idempotency-Key must be 1 to ${MAX_LENGTH} characters`],
    });
  }
  return value;
});
