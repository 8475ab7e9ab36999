import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { LogLevelName } from '../config/dispatch-config';
import { pinoOptions } from './log-options';
import { RequestLogMiddleware } from './request-log.middleware';

/**
 * JSON logs for the whole process (Nest's own lines through nestjs-pino) and one line per HTTP request
 * from `RequestLogMiddleware`. nestjs-pino's per-request logger is not mounted: building a child logger
 * for every request cost about a fifth of the CPU of a dispatch, for lines that are mostly not written.
 */
@Module({})
export class LoggingModule implements NestModule {
  static forRoot(level: LogLevelName): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: pinoOptions(level), forRoutes: [] })],
      providers: [RequestLogMiddleware],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLogMiddleware).forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}
