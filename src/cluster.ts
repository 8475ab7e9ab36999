import cluster from 'node:cluster';
import { Logger } from '@nestjs/common';
import type { DispatchConfig } from './config/dispatch-config';
import { migrateDatabase } from './database/migrate';

/**
 * Runs `API_PROCESSES` copies of the service on one port. The parent migrates once, then forks children
 * that skip migrations; it replaces a child that dies and, on SIGTERM or SIGINT, passes the signal on and
 * exits when every child has shut down gracefully.
 */
export async function runCluster(config: DispatchConfig): Promise<void> {
  const logger = new Logger('Dispatch');
  await migrateDatabase(config.databaseUrl);
  let stopping = false;
  const fork = () => cluster.fork({ MIGRATE_ON_START: 'false' });
  for (let i = 0; i < config.apiProcesses; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    logger.warn(`Process ${worker.process.pid} ended (${signal ?? code}); starting another`);
    fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  logger.log(`Started ${config.apiProcesses} processes on :${config.port} (ROLE=${config.role})`);
}

export const isClusterChild = (): boolean => cluster.isWorker;
