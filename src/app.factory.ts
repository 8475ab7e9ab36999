import { INestApplication, INestApplicationContext, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { useJsonBody } from './common/json-body';
import { createValidationPipe } from './common/validation';
import type { DispatchCoreOptions } from './core/dispatch-core.module';

export interface CreateAppOptions extends DispatchCoreOptions {
  logger?: LogLevel[] | false;
}

/** Builds the HTTP application (ROLE=api or all), configured as `main.ts` serves it. */
export async function createHttpApp(options: CreateAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    logger: options.logger ?? ['log', 'warn', 'error'],
    bodyParser: false,
  });
  useJsonBody(app, options.config.bodyLimit);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Dispatch')
      .setDescription('Schedules and runs background jobs: now, at a time, on a cron in a time zone, or every N ms.')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

/** Builds a worker without HTTP (ROLE=worker). */
export async function createWorkerContext(options: CreateAppOptions): Promise<INestApplicationContext> {
  const context = await NestFactory.createApplicationContext(AppModule.forRoot(options), {
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  context.enableShutdownHooks();
  Logger.log('Worker started without HTTP (ROLE=worker)', 'Dispatch');
  return context;
}
