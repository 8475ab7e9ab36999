import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DISPATCH_CONFIG, DISPATCH_DATA_SOURCE, DispatchConfig, DispatchModule, DispatchModuleOptions, DispatchService, ResourceRegistry } from '../src';
import type { ConfigurableModuleOptionsFactory } from '@nestjs/common';
import { dropDatabase } from './support/services';
import { testConfig } from './support/test-app';

const registry = ResourceRegistry.fromObject({ products: { shop: { envs: ['prd'] } } }, {});
const options = (): DispatchModuleOptions => ({ config: { ...testConfig('dispatch_module'), queuePrefix: 'dispatch-test-module-form' }, registry });

@Injectable()
class DispatchOptionsFactory implements ConfigurableModuleOptionsFactory<DispatchModuleOptions, 'create'> {
  create(): DispatchModuleOptions {
    return options();
  }
}

@Module({ providers: [DispatchOptionsFactory], exports: [DispatchOptionsFactory] })
class HostConfigModule {}

/** Every way a host can configure the module ends with the same working module. */
describe('DispatchModule forms', () => {
  beforeAll(() => dropDatabase('dispatch_test_dispatch_module'));

  const forms = {
    'forRoot': () => DispatchModule.forRoot({ ...options(), worker: false }),
    'forRootAsync with useFactory': () => DispatchModule.forRootAsync({ useFactory: async () => options(), worker: false }),
    'forRootAsync with useClass': () => DispatchModule.forRootAsync({ useClass: DispatchOptionsFactory, worker: false }),
    'forRootAsync with useExisting': () => DispatchModule.forRootAsync({ imports: [HostConfigModule], useExisting: DispatchOptionsFactory, worker: false }),
  };

  it.each(Object.entries(forms))('%s: our connection is migrated, settings apply and DispatchService is injectable', async (_, form) => {
    const moduleRef = await Test.createTestingModule({ imports: [form()] }).setLogger(false as never).compile();
    const app = await moduleRef.init();
    try {
      expect(app.get<DispatchConfig>(DISPATCH_CONFIG).queuePrefix).toBe('dispatch-test-module-form');
      expect(app.get(DispatchService)).toBeInstanceOf(DispatchService);
      const dataSource = app.get<DataSource>(getDataSourceToken(DISPATCH_DATA_SOURCE));
      const tables: Array<{ n: string }> = await dataSource.query("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN ('jobs', 'job_runs')");
      expect(Number(tables[0].n)).toBe(2);
    } finally {
      await app.close();
    }
  });
});
