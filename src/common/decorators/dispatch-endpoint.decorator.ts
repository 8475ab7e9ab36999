import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { DispatchResultDto } from '../dto/dispatch-result.dto';

export interface DispatchEndpointDocs {
  summary: string;
  /** What makes a request a 400 in this namespace. */
  badRequest: string;
  /** Which registry names a 404 is about. */
  notFound: string;
  /** When this namespace answers 413 beyond the input cap. */
  tooLarge?: string;
}

/** `POST <namespace>/dispatch` with the answers every namespace shares, documented once. */
export const DispatchEndpoint = (docs: DispatchEndpointDocs): MethodDecorator =>
  applyDecorators(
    Post('dispatch'),
    HttpCode(201),
    ApiOperation({ summary: docs.summary }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat with the same key and body returns the first answer.' }),
    ApiCreatedResponse({ type: DispatchResultDto }),
    ApiBadRequestResponse({ description: docs.badRequest }),
    ApiNotFoundResponse({ description: docs.notFound }),
    ApiPayloadTooLargeResponse({ description: docs.tooLarge ?? 'The input is larger than 1 MiB as JSON, or the body larger than BODY_LIMIT.' }),
    ApiUnprocessableEntityResponse({ description: 'The Idempotency-Key was used with another body.' }),
  );
