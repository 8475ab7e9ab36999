import { ConsoleLogger } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { AppModule } from '../src/app.module';
import { loadConfig, Role } from '../src/config/dispatch-config';
import { ActionsDispatchService } from '../src/namespaces/actions/actions-dispatch.service';
import type { DispatchActionDto } from '../src/namespaces/actions/dto/dispatch-action.dto';
import { ResourceRegistry } from '../src/resources';
import { getExecutorToken, JobExecutor } from '../src/scheduler/executor.interface';
import { MYSQL_ROOT_URL, REDIS_URL, resourcesYaml, runPool } from './support';

export const OURS_DB = 'dispatch_bench';
export const OURS_PREFIX = 'dispatch-bench';

/**
 * Our module graph in this process, without HTTP. In-process keeps the executor swap exact (no stand-in
 * server on the path) and lets the executor note when user code starts.
 */
export async function buildDispatch(role: Role, executor?: JobExecutor, registry?: ResourceRegistry): Promise<TestingModule> {
  const config = {
    ...loadConfig({}),
    databaseUrl: `${MYSQL_ROOT_URL}/${OURS_DB}`,
    redisUrl: REDIS_URL,
    queuePrefix: OURS_PREFIX,
    role,
    workerConcurrency: 50,
  };
  // The stand-in app is never called here: the executor is replaced or no worker runs.
  registry ??= ResourceRegistry.fromYaml(resourcesYaml('http://127.0.0.1:9'), {});
  let builder = Test.createTestingModule({ imports: [AppModule.forRoot({ config, registry })] }).setLogger(
    new ConsoleLogger('Dispatch', { logLevels: ['error', 'warn'] }),
  );
  if (executor) builder = builder.overrideProvider(getExecutorToken('actions')).useValue(executor);
  return builder.compile();
}

/** Dispatches `count` actions through the same service the HTTP controller calls, `concurrency` at once. */
export async function dispatchInProcess(app: TestingModule, count: number, concurrency: number, startAt?: number): Promise<number> {
  const actions = app.get(ActionsDispatchService);
  const dto = { env: 'prd', product: 'shop', app: 'mailer', event: 'ping', ...(startAt ? { schedule: { start_at: startAt } } : {}) };
  const started = performance.now();
  await runPool(count, concurrency, 180_000, async () => {
    await actions.dispatch(dto as DispatchActionDto);
  });
  return performance.now() - started;
}
