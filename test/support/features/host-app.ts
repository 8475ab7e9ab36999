import { DynamicModule, INestApplication, Module, ModuleMetadata, Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { CreateAppOptions } from '../../../src/app.factory';
import { bodyLimitBytes, useJsonBody } from '../../../src/common/json-body';
import { createValidationPipe } from '../../../src/common/validation';
import { pinoLevel } from '../../../src/logging/log-options';
import { ServiceModule } from '../../../src/service.module';

/** What a host app adds next to the service: its own modules and providers (feature handlers…). */
export interface TestHost {
  imports?: ModuleMetadata['imports'];
  providers?: Provider[];
}

@Module({})
class TestHostModule {}

/**
 * The service as a host app embeds it: its own root module importing the service's, plus the host's
 * modules and providers. HTTP is set up as `createHttpApp` does for what the tests use (JSON bodies,
 * validation); the docs, the queue board and the security headers are left out.
 */
export async function createHostApp(options: CreateAppOptions, host: TestHost): Promise<INestApplication> {
  const level = pinoLevel(options.logger, options.config.logLevel);
  const root: DynamicModule = {
    module: TestHostModule,
    imports: [ServiceModule.forRoot(options, 'http', level), ...(host.imports ?? [])],
    providers: host.providers ?? [],
  };
  const adapter = new FastifyAdapter({ bodyLimit: bodyLimitBytes(options.config.bodyLimit) });
  const app = await NestFactory.create<NestFastifyApplication>(root, adapter, { bufferLogs: true, bodyParser: false, abortOnError: false });
  app.useLogger(app.get(PinoLogger));
  useJsonBody(app.getHttpAdapter().getInstance(), options.config.bodyLimit);
  app.useGlobalPipes(createValidationPipe());
  return app;
}

/**
 * Closes an app whose `init()` failed. Nest's `close()` first awaits the failed initialisation again and
 * so would rethrow without closing the database and Redis connections that were already open. The app
 * is a proxy that refuses assignments, but forwards a property definition to the app itself.
 */
export async function closeAfterFailedInit(app: INestApplication): Promise<void> {
  Object.defineProperty(app, 'initializationPromise', { value: undefined, writable: true, configurable: true });
  await app.close();
}
