import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ResourceRegistry } from '../../resources';
import { getExecutorToken, JobExecutor } from '../../scheduler/executor.interface';
import { SchedulerService } from '../../scheduler/scheduler.service';
import { DatabaseConnections } from './connections/database-connections';
import { DatabaseActionsExecutor } from './database-actions.executor';
import { DatabaseOperationsExecutor } from './database-operations.executor';
import { DatabasesModule } from './databases.module';

function dependencies(databases: Record<string, unknown>) {
  const registry = ResourceRegistry.fromObject({ products: { shop: { envs: ['dev', 'prd'], databases } } }, {});
  @Global()
  @Module({ providers: [{ provide: ResourceRegistry, useValue: registry }, { provide: SchedulerService, useValue: {} }], exports: [ResourceRegistry, SchedulerService] })
  class Dependencies {}
  return Dependencies;
}

const LOGS = { type: 'mariadb', url: 'mysql://root@127.0.0.1:3306/logs', tables: ['logs'] };

describe('DatabasesModule', () => {
  it('provides both executors behind their tokens and the shared connections', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [dependencies({ logs: LOGS }), DatabasesModule] }).compile();
    await moduleRef.init();
    expect(moduleRef.get(getExecutorToken('database-operations'))).toBeInstanceOf(DatabaseOperationsExecutor);
    expect(moduleRef.get(getExecutorToken('database-actions'))).toBeInstanceOf(DatabaseActionsExecutor);
    expect(moduleRef.get(DatabaseConnections).size).toBe(0);
    await moduleRef.close();
  });

  it('lets a host app replace an executor', async () => {
    const custom: JobExecutor = { execute: async () => ({ ran: 'elsewhere' }) };
    const moduleRef = await Test.createTestingModule({ imports: [dependencies({ logs: LOGS }), DatabasesModule] })
      .overrideProvider(getExecutorToken('database-operations'))
      .useValue(custom)
      .compile();
    expect(moduleRef.get(getExecutorToken('database-operations'))).toBe(custom);
    await moduleRef.close();
  });

  it('stops start-up on an action outside the allow-list, naming its key once for all envs', async () => {
    const bad = { ...LOGS, actions: { wipe: { operation: 'deleteMany', table: 'users', all: true } } };
    const moduleRef = await Test.createTestingModule({ imports: [dependencies({ logs: bad }), DatabasesModule] }).compile();
    const error = await moduleRef.init().then(() => new Error('expected start-up to fail'), (e: Error) => e);
    expect(error.message).toContain("products.shop.databases.logs.actions.wipe.table: names a table that is not in the tables allow-list of database 'logs'");
    expect(error.message.match(/wipe\.table/g)).toHaveLength(1);
  });
});
