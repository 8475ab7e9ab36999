import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { LogLevelName } from '../config/dispatch-config';
import { pinoOptions } from './log-options';
import { RequestLog } from './request-log';

/**
 * JSON logs for the whole process (Nest's own lines through nestjs-pino) and one line per HTTP request
 * from `RequestLog`, which `createHttpApp` attaches. nestjs-pino's per-request logger is
 * not mounted: building a child logger for every request cost about a fifth of the CPU of a dispatch,
 * for lines that are mostly not written.
 */
@Module({})
export class LoggingModule {
  static forRoot(level: LogLevelName): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: pinoOptions(level), forRoutes: [] })],
      providers: [RequestLog],
      exports: [RequestLog],
    };
  }
}
