import { Injectable } from '@nestjs/common';
import { ResourceRegistry } from '../../resources';
import type { ResolvedFeature } from '../../resources/sections/features.section';
import type { ExecutionContext, JobExecutor } from '../../scheduler/executor.interface';
import { NonRetryableError } from '../../scheduler/retry-policy';
import { FeatureHandlers } from './handlers/feature-handlers';
import { FeatureStepRunner } from './steps/feature-step-runner';

/**
 * Runs a features occurrence (`job.event` is the tag): the steps the registry declares for the
 * product, or else the host app's `@FeatureHandler` for the tag, whose return value is the result.
 */
@Injectable()
export class FeaturesExecutor implements JobExecutor<Record<string, unknown>, unknown> {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly handlers: FeatureHandlers,
    private readonly steps: FeatureStepRunner,
  ) {}

  async execute(ctx: ExecutionContext<Record<string, unknown>>): Promise<unknown> {
    const { job } = ctx;
    const feature = declaredFeature(this.registry, job.product, job.env, job.event);
    if (feature) return this.steps.run(feature, ctx);
    const handler = this.handlers.get(job.event);
    if (!handler) {
      throw new NonRetryableError(`Unknown feature '${job.event}' in product '${job.product}': neither the registry nor a @FeatureHandler serves it any more`);
    }
    return handler.run(ctx.input, {
      tag: job.event,
      product: job.product,
      env: job.env,
      jobId: job.id,
      occurrence: ctx.occurrence,
      occurrenceId: ctx.occurrenceId,
      attempt: ctx.attempt,
      signal: ctx.signal,
    });
  }
}

/** The registry's feature of that tag for the product and env, if it declares one. */
export function declaredFeature(registry: ResourceRegistry, product: string, env: string, tag: string): ResolvedFeature | undefined {
  if (!Object.hasOwn(registry.section(product, 'features'), tag)) return undefined;
  return registry.entry<ResolvedFeature>(product, env, 'features', tag, 'tag');
}
