import { DynamicModule, Module } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import type { DispatchConfig } from './config/dispatch-config';
import { DispatchModule } from './dispatch.module';
import type { ResourceRegistry } from './resources/resource-registry';

export interface DispatchServiceOptions {
  config: DispatchConfig;
  /** A registry built in code; otherwise `config.resourcesFile` is loaded. */
  registry?: ResourceRegistry;
}

/** The whole service: the library module plus the operators' API; `config.role` decides whether this process also runs occurrences. */
@Module({})
export class AppModule {
  static forRoot(options: DispatchServiceOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [DispatchModule.forRoot({ config: options.config, registry: options.registry, worker: options.config.role !== 'api' }), AdminModule],
    };
  }
}
