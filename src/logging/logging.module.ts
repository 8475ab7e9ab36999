import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { LogLevelName } from '../config/dispatch-config';
import { pinoHttpOptions } from './log-options';

/** nestjs-pino for the whole process: Nest's own logs and one line per HTTP request, as JSON on stdout. */
@Module({})
export class LoggingModule {
  static forRoot(level: LogLevelName): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: pinoHttpOptions(level) })],
    };
  }
}
