import type { Caller } from '../../auth/caller';
import { Injectable } from '@nestjs/common';
import { ResourceRegistry, UnknownResourceError } from '../../resources';
import type { DispatchResult } from '../../scheduler/dispatch-request';
import { idempotencyContext, toDispatchRequest } from '../../scheduler/dispatch-request.factory';
import { SchedulerService } from '../../scheduler/scheduler.service';
import type { DispatchFeatureDto } from './dto/dispatch-feature.dto';
import { FeatureHandlers } from './handlers/feature-handlers';

/** Checks that a feature tag is served (registry or handler) for the product and env, then schedules it. */
@Injectable()
export class FeaturesDispatchService {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly handlers: FeatureHandlers,
    private readonly scheduler: SchedulerService,
  ) {}

  dispatch(dto: DispatchFeatureDto, idempotencyKey?: string, caller?: Caller): Promise<DispatchResult> {
    // Product and env are checked first, so that their 404 names them rather than the tag.
    this.registry.requireEnv(dto.product, dto.env);
    if (!Object.hasOwn(this.registry.section(dto.product, 'features'), dto.tag) && !this.handlers.has(dto.tag)) {
      throw UnknownResourceError.inProduct('feature', dto.tag, dto.product, 'tag');
    }
    const input = { ...(dto.input ?? {}) };
    return this.scheduler.dispatch(
      toDispatchRequest('features', dto, { target: dto.tag, event: dto.tag, input }, caller),
      idempotencyContext('features', dto, idempotencyKey, caller),
    );
  }
}
