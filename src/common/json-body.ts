import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import bytes from 'bytes';
import type { FastifyInstance } from 'fastify';
import { findPrototypeKey } from './prototype-keys';
import { findJsonShapeProblem } from './json-shape';

/** A field-level 400, in the shape of every other. */
function badRequest(field: string, message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', field, message: [message] });
}

/** The charset of a Content-Type, upper-cased as clients are told it, or undefined when none is given. */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1].toUpperCase();
}

/**
 * A request body as the endpoints accept it: UTF-8 JSON holding an object or an array. An empty body is
 * `{}`, so that validation names the missing fields. A body holding `__proto__` or
 * `constructor.prototype` keys is a 400 (see `findPrototypeKey`), as is one nested too deeply or holding a
 * lone surrogate (see `findJsonShapeProblem`).
 */
export function parseJsonBody(contentType: string | undefined, raw: Buffer): unknown {
  const charset = charsetOf(contentType);
  if (charset !== undefined && charset !== 'UTF-8') {
    throw new UnsupportedMediaTypeException({ statusCode: 415, error: 'Unsupported Media Type', field: 'body', message: `unsupported charset "${charset}"` });
  }
  if (raw.length === 0) return {};
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw badRequest('body', 'body is not valid JSON');
  }
  // Strict, as JSON APIs are: a bare string, number, boolean or null is not a request.
  if (body === null || typeof body !== 'object') throw badRequest('body', 'body is not valid JSON');
  const prototypeKey = findPrototypeKey(body);
  if (prototypeKey !== null) throw badRequest(prototypeKey, `${prototypeKey} is not allowed: __proto__ and constructor.prototype keys are refused`);
  const problem = findJsonShapeProblem(body);
  if (problem !== null) throw badRequest(problem.field, problem.message);
  return body;
}

/**
 * Makes `application/json` (in UTF-8) the only body the HTTP service reads, up to `limit` (`BODY_LIMIT`,
 * e.g. `16mb`). Fastify refuses a larger body (413) and other media types (415) before any route runs;
 * `DomainExceptionFilter` words those answers.
 */
export function useJsonBody(instance: FastifyInstance, limit: string): void {
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: bodyLimitBytes(limit) }, (request, raw, done) => {
    try {
      done(null, parseJsonBody(request.headers['content-type'], raw as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

/** `BODY_LIMIT` in bytes. */
export function bodyLimitBytes(limit: string): number {
  const parsed = bytes.parse(limit);
  if (parsed === null || !Number.isFinite(parsed) || parsed <= 0) throw new Error(`BODY_LIMIT: '${limit}' is not a size such as 16mb`);
  return parsed;
}
