import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import { ResourceRegistry } from '../../../resources';
import { FEATURE_HANDLER_METADATA, FeatureHandlerContext } from './feature-handler.decorator';
import { FeatureHandlers } from './feature-handlers';

/** A tag must be dispatchable: the dispatch body's `tag` takes registry names only. */
const TAG = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * Finds the `@FeatureHandler` methods of every provider at start-up (as `@nestjs/schedule` finds its
 * `@Cron` methods) and registers them. A tag with two handlers, or one that could never be dispatched,
 * stops the start with a message naming the methods.
 */
@Injectable()
export class FeatureHandlerExplorer implements OnModuleInit {
  private readonly logger = new Logger(FeatureHandlerExplorer.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly handlers: FeatureHandlers,
    private readonly registry: ResourceRegistry,
  ) {}

  onModuleInit(): void {
    // The same instance can be listed twice (an alias with useExisting); it is still one handler.
    const seen = new Set<object>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (typeof instance !== 'object' || instance === null || seen.has(instance) || !Object.getPrototypeOf(instance)) continue;
      seen.add(instance);
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
        this.explore(wrapper, instance as Record<string, unknown>, method);
      }
    }
    this.warnOfShadowedHandlers();
  }

  private explore(wrapper: InstanceWrapper, instance: Record<string, unknown>, method: string): void {
    const fn = instance[method];
    if (typeof fn !== 'function') return;
    const tag = this.reflector.get<string | undefined>(FEATURE_HANDLER_METADATA, fn as () => unknown);
    if (tag === undefined) return;
    const owner = `${instance.constructor.name}.${method}`;
    if (typeof tag !== 'string' || !TAG.test(tag)) {
      throw new Error(`@FeatureHandler on ${owner} needs a tag of 1 to 128 letters, digits, _ . : or - (the dispatch body's tag)`);
    }
    if (!wrapper.isDependencyTreeStatic()) {
      // A request-scoped instance does not exist outside a request, and runs have none.
      this.logger.warn(`@FeatureHandler('${tag}') on ${owner} is ignored: the provider is request-scoped or depends on one`);
      return;
    }
    this.handlers.register({
      tag,
      owner,
      run: async (input: Record<string, unknown>, ctx: FeatureHandlerContext) => (fn as (...args: unknown[]) => unknown).call(instance, input, ctx),
    });
  }

  /** The registry's steps win for the products that declare a tag; say so rather than surprise. */
  private warnOfShadowedHandlers(): void {
    for (const tag of this.handlers.tags()) {
      const products = this.registry.products().filter((product) => Object.hasOwn(this.registry.section(product, 'features'), tag));
      if (products.length > 0) {
        this.logger.warn(`Feature '${tag}' is declared in the registry of ${products.join(', ')}: there its steps run, not ${this.handlers.get(tag)?.owner}`);
      }
    }
  }
}
