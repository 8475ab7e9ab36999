import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DomainExceptionFilter } from './common/filters/domain-exception.filter';
import { DispatchCoreModule, DispatchCoreOptions } from './core/dispatch-core.module';
import { JobsModule } from './jobs/jobs.module';
import { NAMESPACE_MODULES } from './namespaces/namespace-modules';
import { SchedulerModule } from './scheduler/scheduler.module';

/** The whole service; `config.role` decides whether this process also runs occurrences. */
@Module({})
export class AppModule {
  static forRoot(options: DispatchCoreOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DispatchCoreModule.forRoot(options),
        SchedulerModule.forRoot({ worker: options.config.role !== 'api' }),
        ...NAMESPACE_MODULES,
        JobsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: DomainExceptionFilter }],
    };
  }
}
