import { Module, OnModuleInit } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { RegistryValidationError, ResourceRegistry } from '../../resources';
import { ExecutorRegistry } from '../../scheduler/executor-registry';
import { builtInExecutor, getExecutorToken } from '../../scheduler/executor.interface';
import { registryFeatureProblems } from './feature-checks';
import { FeaturesController } from './features.controller';
import { FeaturesDispatchService } from './features-dispatch.service';
import { FeaturesExecutor } from './features.executor';
import { FeatureHandlerExplorer } from './handlers/feature-handler.explorer';
import { FeatureHandlers } from './handlers/feature-handlers';
import { FeatureStepRunner } from './steps/feature-step-runner';
import { StepInputs } from './steps/step-inputs';

/**
 * The features namespace: registry features run as ordered steps through the other namespaces'
 * executors, and tags served by the host app's `@FeatureHandler` methods, found at start-up. A host app
 * may still replace the whole executor with `{ provide: getExecutorToken('features'), useClass: … }`.
 */
@Module({
  imports: [DiscoveryModule],
  controllers: [FeaturesController],
  providers: [
    FeaturesDispatchService,
    FeatureHandlers,
    FeatureHandlerExplorer,
    StepInputs,
    FeatureStepRunner,
    builtInExecutor('features', FeaturesExecutor),
  ],
  exports: [FeaturesDispatchService, FeatureHandlers, getExecutorToken('features')],
})
export class FeaturesModule implements OnModuleInit {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly executors: ExecutorRegistry,
  ) {}

  /** Stops start-up on a feature whose steps could never run, naming the key to fix. */
  onModuleInit(): void {
    const problems = registryFeatureProblems(this.registry, this.executors);
    if (problems.length > 0) throw RegistryValidationError.fromProblems(problems);
  }
}
