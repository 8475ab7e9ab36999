import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { RegistryValidationError, ResourceRegistry } from '../../resources';
import { getExecutorToken, JobExecutor } from '../../scheduler/executor.interface';
import { SchedulerService } from '../../scheduler/scheduler.service';
import { DatabaseConnections } from '../databases/connections/database-connections';
import { GraphActionsExecutor } from './graph-actions.executor';
import { GraphOperationsExecutor } from './graph-operations.executor';
import { GraphsModule } from './graphs.module';

function dependencies(graphDatabase: string) {
  const registry = ResourceRegistry.fromObject(
    {
      products: {
        shop: {
          envs: ['prd'],
          databases: { main: { type: 'postgres', url: 'postgres://127.0.0.1:5432/x' } },
          graphs: { g: { type: 'sql', database: graphDatabase } },
        },
      },
    },
    {},
  );
  @Global()
  @Module({ providers: [{ provide: ResourceRegistry, useValue: registry }, { provide: SchedulerService, useValue: {} }], exports: [ResourceRegistry, SchedulerService] })
  class Dependencies {}
  return Dependencies;
}

describe('GraphsModule', () => {
  it('provides the built-in executors behind their tokens', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [dependencies('main'), GraphsModule] }).compile();
    await moduleRef.init();
    expect(moduleRef.get(getExecutorToken('graph-operations'))).toBeInstanceOf(GraphOperationsExecutor);
    expect(moduleRef.get(getExecutorToken('graph-actions'))).toBeInstanceOf(GraphActionsExecutor);
    await moduleRef.close();
  });

  it('lets a host app plug in another graph database, and then opens no pool', async () => {
    const neo4j: JobExecutor = { execute: async () => ({ ran: 'elsewhere' }) };
    const moduleRef = await Test.createTestingModule({ imports: [dependencies('main'), GraphsModule] })
      .overrideProvider(getExecutorToken('graph-operations'))
      .useValue(neo4j)
      .compile();
    expect(moduleRef.get(getExecutorToken('graph-operations'))).toBe(neo4j);
    expect(moduleRef.get(DatabaseConnections).size).toBe(0);
    await moduleRef.close();
  });

  it('stops start-up on a graph whose database the product does not declare', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [dependencies('mian'), GraphsModule] }).compile();
    const error = await moduleRef.init().then(() => undefined, (thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(RegistryValidationError);
    expect((error as RegistryValidationError).problems).toEqual(["products.shop.graphs.g.database: names no database of product 'shop' (databases: main)"]);
  });
});
