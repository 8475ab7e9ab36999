import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
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

/** The one place where errors become HTTP answers; internals of unexpected errors are logged, not sent. */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(DomainExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof HttpException) {
      const answer = exception.getResponse();
      const status = exception.getStatus();
      if (typeof answer === 'object' && answer !== null) return { statusCode: status, ...(answer as object) } as ErrorBody;
      return { statusCode: status, error: exception.name, message: String(answer) };
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
}
