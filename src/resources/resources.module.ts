import { DynamicModule, Global, InjectionToken, Module } from '@nestjs/common';
import { DEFAULT_RESOURCES_FILE, ResourceRegistry } from './resource-registry';

export interface ResourcesModuleOptions {
  /** Defaults to RESOURCES_FILE, then `resources.yaml` in the working directory. */
  file?: string;
  /** A registry built in code (tests, embedding apps); takes precedence over `file`. */
  registry?: ResourceRegistry;
}

export interface ResourcesModuleAsyncOptions {
  inject?: InjectionToken[];
  useFactory: (...args: never[]) => ResourcesModuleOptions | Promise<ResourcesModuleOptions>;
}

/**
 * Provides the ResourceRegistry everywhere. The file is loaded while the module is built, so a bad
 * registry stops start-up with every problem listed rather than failing on the first dispatch.
 */
@Global()
@Module({})
export class ResourcesModule {
  static forRoot(options: ResourcesModuleOptions = {}): DynamicModule {
    return ResourcesModule.forRootAsync({ useFactory: () => options });
  }

  /** The same, with the options from other providers (the registry of `DispatchModule`'s options). */
  static forRootAsync(options: ResourcesModuleAsyncOptions): DynamicModule {
    return {
      module: ResourcesModule,
      global: true,
      providers: [
        {
          provide: ResourceRegistry,
          inject: options.inject ?? [],
          useFactory: async (...args: never[]): Promise<ResourceRegistry> => {
            const { registry, file } = await options.useFactory(...args);
            return registry ?? ResourceRegistry.fromFile(file || process.env.RESOURCES_FILE || DEFAULT_RESOURCES_FILE);
          },
        },
      ],
      exports: [ResourceRegistry],
    };
  }
}
