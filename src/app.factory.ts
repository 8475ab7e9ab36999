import { INestApplication, INestApplicationContext, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { Logger as PinoLogger } from 'nestjs-pino';
import { useJsonBody } from './common/json-body';
import { createValidationPipe } from './common/validation';
import { requireApiKeysInProduction } from './config/dispatch-config';
import type { DispatchServiceOptions } from './app.module';
import { setupSwagger } from './docs/swagger';
import { pinoLevel } from './logging/log-options';
import { RequestLogMiddleware } from './logging/request-log.middleware';
import { mountQueueBoard } from './operations/queue-board';
import { securityHeaders } from './security/security-headers';
import { ServiceModule } from './service.module';

export interface CreateAppOptions extends DispatchServiceOptions {
  /** Nest log levels to print, as JSON lines; `false` for none. Default: LOG_LEVEL (info). */
  logger?: LogLevel[] | false;
}

/** Builds the HTTP application (ROLE=api or all), configured as `main.ts` serves it. */
export async function createHttpApp(options: CreateAppOptions): Promise<INestApplication> {
  // Before anything connects: a production service without keys must not come up at all.
  requireApiKeysInProduction(options.config);
  const level = pinoLevel(options.logger, options.config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(ServiceModule.forRoot(options, 'http', level), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(PinoLogger));
  // What Nest logged while the app was built waits in a buffer until this; later lines go straight out.
  app.flushLogs();
  app.set('trust proxy', options.config.trustProxy);
  // Answers change with every run, and clients poll rather than revalidate: no hash of each body for an ETag.
  app.set('etag', false);
  // Helmet used to remove it on every answer; not setting it at all costs nothing.
  app.disable('x-powered-by');
  // First, so that its time covers the whole request and the body parser's refusals (400, 413) are logged too.
  const requestLog = app.get(RequestLogMiddleware);
  app.use((req: Request, res: Response, next: NextFunction) => requestLog.use(req, res, next));
  app.use(securityHeaders());
  useJsonBody(app, options.config.bodyLimit);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  mountQueueBoard(app);
  setupSwagger(app);
  return app;
}

/** Builds a worker without HTTP (ROLE=worker). */
export async function createWorkerContext(options: CreateAppOptions): Promise<INestApplicationContext> {
  const level = pinoLevel(options.logger, options.config.logLevel);
  const context = await NestFactory.createApplicationContext(ServiceModule.forRoot(options, 'worker', level), { bufferLogs: true });
  context.useLogger(context.get(PinoLogger));
  context.flushLogs();
  context.enableShutdownHooks();
  Logger.log('Worker started without HTTP (ROLE=worker)', 'Dispatch');
  return context;
}
