import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Inject, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { DISPATCH_CONFIG, DispatchConfig } from '../../config/dispatch-config';
import { DomainError } from '../errors/domain-errors';
import { InvalidScheduleError } from '../../scheduler/schedule';
import { UnknownResourceError } from '../../resources';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  code?: string;
  field?: string;
  correlation_id?: string;
}

/**
 * The one place where errors become HTTP answers; internals of unexpected errors are logged, not sent.
 * It answers through the HTTP adapter, so that a host app on Express gets the same bodies as the
 * service on Fastify.
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(DomainExceptionFilter.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = this.toBody(exception);
    this.adapterHost.httpAdapter.reply(host.switchToHttp().getResponse(), body, body.statusCode);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof HttpException) {
      const answer = exception.getResponse();
      const status = exception.getStatus();
      if (typeof answer === 'object' && answer !== null) return { statusCode: status, ...(answer as object) } as ErrorBody;
      return this.plainHttpError(status, String(answer));
    }
    if (exception instanceof InvalidScheduleError) {
      return { statusCode: 400, error: 'Bad Request', code: 'INVALID_SCHEDULE', field: exception.field, message: [exception.message] };
    }
    if (exception instanceof UnknownResourceError) {
      return { statusCode: 404, error: 'Not Found', code: 'UNKNOWN_RESOURCE', field: exception.field, message: exception.message };
    }
    if (exception instanceof DomainError) {
      const error = HttpStatus[exception.httpStatus]?.replace(/_/g, ' ').replace(/\B\w+/g, (w) => w.toLowerCase()) ?? 'Error';
      const message = exception.httpStatus === 400 ? [exception.message] : exception.message;
      return { statusCode: exception.httpStatus, error, code: exception.code, field: exception.field, message };
    }
    const correlationId = randomUUID();
    this.logger.error(`Unexpected error ${correlationId}`, exception instanceof Error ? exception.stack : String(exception));
    return { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error', correlation_id: correlationId };
  }

  /**
   * An HttpException holding only a message. Nest makes one of each error Fastify raises while reading a
   * request, before any route: a body over BODY_LIMIT (413), a media type without a parser (415), a body
   * shorter than its Content-Length (400). Those concern the body, and say so in the shape of every other.
   */
  private plainHttpError(status: number, message: string): ErrorBody {
    const error = STATUS_CODES[status] ?? 'Error';
    if (status === 413) return { statusCode: status, error, field: 'body', message: `body is larger than ${this.config.bodyLimit}` };
    if (status === 415) return { statusCode: status, error, field: 'body', message: 'the body must be application/json' };
    return { statusCode: status, error, message };
  }
}
