import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createHttpApp, createWorkerContext } from './app.factory';
import { isClusterChild, runCluster } from './cluster';
import { loadConfig } from './config/dispatch-config';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  if (config.role === 'worker') {
    await createWorkerContext({ config });
    return;
  }
  if (config.apiProcesses > 1 && !isClusterChild()) {
    await runCluster(config);
    return;
  }
  const app = await createHttpApp({ config });
  // Every interface, as a service in a container must (Fastify would listen on localhost only).
  await app.listen(config.port, '0.0.0.0');
  Logger.log(`Listening on :${config.port} (ROLE=${config.role}); Swagger UI at /docs`, 'Dispatch');
}

bootstrap().catch((error: unknown) => {
  // Start-up errors (bad configuration, bad registry, no database) carry their own fix-it message.
  Logger.error(error instanceof Error ? error.message : String(error), 'Dispatch');
  process.exit(1);
});
