import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { DispatchConfig } from './config/dispatch-config';
import type { ResourceRegistry } from './resources/resource-registry';

/** What a host app gives `DispatchModule.forRoot`, or returns from the factory of `forRootAsync`. */
export interface DispatchModuleOptions {
  /**
   * Settings, as the environment variables of the README set them for the service. A field left out
   * takes its default (`databaseUrl` `mysql://root@127.0.0.1:3306/dispatch`, `queuePrefix` `dispatch`…).
   */
  config?: Partial<DispatchConfig>;
  /** A registry built in code (`ResourceRegistry.fromObject`); without one, `config.resourcesFile` is loaded. */
  registry?: ResourceRegistry;
}

/** Options that shape the module itself, so they are given outside the (possibly async) factory. */
export interface DispatchModuleExtras {
  /**
   * Also take and run occurrences in this process. Set it to false in processes that only dispatch.
   * @default true
   */
  worker: boolean;
}

export const {
  ConfigurableModuleClass: ConfigurableDispatchModule,
  MODULE_OPTIONS_TOKEN: DISPATCH_MODULE_OPTIONS,
  OPTIONS_TYPE: DISPATCH_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: DISPATCH_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<DispatchModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras<DispatchModuleExtras>({ worker: true }, (definition) => ({ ...definition, global: true }))
  .build();
