import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, OperationObject, ResponseObject, SwaggerModule } from '@nestjs/swagger';
import { DISPATCH_EXAMPLES } from './dispatch-examples';
import { ErrorResponseDto } from './error-response.dto';

export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'api-key';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Answers any operation may give; 401 only where a key is needed (`@Public()` clears the security). */
const COMMON_ERRORS: Record<string, string> = {
  '401': 'No API key, or an unknown one. Send "Authorization: Bearer <key>" or "x-api-key: <key>".',
  '429': 'More than RATE_LIMIT_PER_MINUTE requests in a minute from this key (or address); see Retry-After.',
  '500': 'Unexpected error; the body has a correlation_id to find it in the logs.',
};

function operations(document: OpenAPIObject): OperationObject[] {
  return Object.values(document.paths).flatMap((path) => METHODS.map((m) => path[m]).filter((op): op is OperationObject => op !== undefined));
}

/**
 * Completes the generated document: the error body schema on every 4xx/5xx answer, the answers every
 * operation shares, and the example bodies of the dispatch endpoints.
 */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  const errorContent = { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } } };
  for (const op of operations(document)) {
    const secured = op.security === undefined || op.security.length > 0;
    for (const [status, description] of Object.entries(COMMON_ERRORS)) {
      if (status === '401' && !secured) continue;
      op.responses[status] ??= { description };
    }
    for (const [status, response] of Object.entries(op.responses)) {
      const answer = response as ResponseObject;
      if (Number(status) >= 400 && !answer.content) answer.content = errorContent;
    }
  }
  for (const [path, examples] of Object.entries(DISPATCH_EXAMPLES)) {
    const body = document.paths[path]?.post?.requestBody;
    const json = body && 'content' in body ? body.content['application/json'] : undefined;
    if (json) json.examples = examples;
  }
  return document;
}

/** Swagger UI at `/docs` and the OpenAPI document at `/docs-json`, both public. */
export function setupSwagger(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Dispatch')
    .setDescription(
      'Schedules and runs background jobs: now, at a time, on a cron in a time zone, or every N ms.\n\n' +
        'Every endpoint but /health needs an API key: click **Authorize** and give it in either scheme. ' +
        'Keys of API_KEYS may dispatch and read their own jobs; keys of ADMIN_API_KEYS may do everything.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <key>' }, BEARER_SCHEME)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key', description: 'x-api-key: <key>' }, API_KEY_SCHEME)
    // Two requirements: either scheme is enough.
    .addSecurityRequirements(BEARER_SCHEME)
    .addSecurityRequirements(API_KEY_SCHEME)
    .build();
  const document = completeDocument(SwaggerModule.createDocument(app, config, { extraModels: [ErrorResponseDto] }));
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'Dispatch API',
    swaggerOptions: { persistAuthorization: false, displayRequestDuration: true },
  });
  return document;
}
