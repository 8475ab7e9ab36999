import { INestApplicationContext, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { Logger as PinoLogger } from 'nestjs-pino';
import { bodyLimitBytes, useJsonBody } from './common/json-body';
import { createValidationPipe } from './common/validation';
import { requireApiKeysInProduction } from './config/dispatch-config';
import type { DispatchServiceOptions } from './app.module';
import { setupSwagger } from './docs/swagger';
import { pinoLevel } from './logging/log-options';
import { RequestLog } from './logging/request-log';
import { mountQueueBoard } from './operations/queue-board';
import { securityHeaderObject, useSecurityHeaders } from './security/security-headers';
import { ServiceModule } from './service.module';

export interface CreateAppOptions extends DispatchServiceOptions {
  /** Nest log levels to print, as JSON lines; `false` for none. Default: LOG_LEVEL (info). */
  logger?: LogLevel[] | false;
}

/**
 * Builds the HTTP application (ROLE=api or all), configured as `main.ts` serves it. It runs on Fastify:
 * under Express, its router and body parser took about a third of the CPU of a dispatch.
 */
export async function createHttpApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  // Before anything connects: a production service without keys must not come up at all.
  requireApiKeysInProduction(options.config);
  const level = pinoLevel(options.logger, options.config.logLevel);
  const { bodyLimit, trustProxy } = options.config;
  const securityHeaders = securityHeaderObject();
  const adapter = new FastifyAdapter({
    bodyLimit: bodyLimitBytes(bodyLimit),
    trustProxy: trustProxy > 0 ? trustProxy : false,
    // Paths match as they did under Express: in any case, with or without a trailing slash.
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
    frameworkErrors: answerUrlError(securityHeaders),
  });
  const app = await NestFactory.create<NestFastifyApplication>(ServiceModule.forRoot(options, 'http', level), adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(PinoLogger));
  // What Nest logged while the app was built waits in a buffer until this; later lines go straight out.
  app.flushLogs();
  const instance = app.getHttpAdapter().getInstance();
  app.get(RequestLog).attach(instance);
  useSecurityHeaders(instance, securityHeaders);
  useJsonBody(instance, bodyLimit);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  await mountQueueBoard(app);
  setupSwagger(app);
  return app;
}

/**
 * A URL Fastify cannot route (bad percent-encoding, a path segment over 100 characters) is answered
 * before any hook runs: in the shape of every other error, with the security headers.
 */
function answerUrlError(headers: Record<string, string>) {
  return (error: { statusCode?: number; message: string }, _request: FastifyRequest, reply: FastifyReply): void => {
    const statusCode = error.statusCode ?? 400;
    void reply.code(statusCode).headers(headers).send({ statusCode, error: STATUS_CODES[statusCode] ?? 'Bad Request', field: 'url', message: error.message });
  };
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
