import { RegistryProblem, ResourceRegistry, UnknownResourceError } from '../../resources';
import type { ResolvedBroker } from '../../resources/sections/brokers.section';
import type { ResolvedDatabase } from '../../resources/sections/databases.section';
import { FeatureStep, featureProblems, ResolvedFeature } from '../../resources/sections/features.section';
import type { ResolvedGraph } from '../../resources/sections/graphs.section';
import { childPath } from '../../resources/registry-utils';
import type { ExecutorRegistry } from '../../scheduler/executor-registry';
import { findAction } from '../databases/actions/action-runner';
import { eventProblem } from '../events/event-message';
import { findGraphAction } from '../graphs/graph-action';
import { resolveNotification } from '../notifications/notification-config';
import { stepTarget } from './steps/step-plan';

/**
 * Every problem of the registry's features, checked at start-up: the section's own rules, then, for
 * each env, that each step's target exists in the product and that its namespace has an executor.
 * Each problem once, though every env repeats those of values that do not differ per env.
 */
export function registryFeatureProblems(registry: ResourceRegistry, executors: ExecutorRegistry): RegistryProblem[] {
  const problems = new Map<string, RegistryProblem>();
  for (const product of registry.products()) {
    for (const tag of Object.keys(registry.section(product, 'features'))) {
      const path = childPath(childPath(childPath('products', product), 'features'), tag);
      for (const env of registry.envs(product)) {
        const feature = registry.entry<ResolvedFeature>(product, env, 'features', tag);
        const found = featureProblems(path, feature);
        // Targets are looked up only for a feature whose steps are otherwise sound.
        if (found.length === 0) {
          feature.steps.forEach((step, index) => {
            const at = childPath(childPath(path, 'steps'), index);
            const problem = targetProblem(registry, product, env, step) ?? executorProblem(executors, step);
            if (problem) found.push({ path: childPath(at, problem.field), message: problem.message });
          });
        }
        for (const problem of found) problems.set(`${problem.path}\n${problem.message}`, problem);
      }
    }
  }
  return [...problems.values()];
}

/** Why a step's target cannot be called in this env, and which step field to fix. */
function targetProblem(registry: ResourceRegistry, product: string, env: string, step: FeatureStep): { field: string; message: string } | undefined {
  const { target, event } = stepTarget(step);
  try {
    switch (step.namespace) {
      case 'actions':
        registry.resolveAction(product, env, target, event);
        return undefined;
      case 'notifications':
        resolveNotification(registry, product, env, target, event);
        return undefined;
      case 'storage':
        registry.entry(product, env, 'storage', target, 'storage');
        return undefined;
      case 'events': {
        const broker = registry.entry<ResolvedBroker>(product, env, 'brokers', target, 'broker');
        const problem = eventProblem(broker.type, event);
        return problem && { field: 'event', message: problem.message };
      }
      case 'database-operations':
      case 'database-actions': {
        const database = registry.entry<ResolvedDatabase>(product, env, 'databases', target, 'database');
        if (step.namespace === 'database-actions') findAction(database, { product, env, database: target }, event);
        return undefined;
      }
      case 'graph-operations':
      case 'graph-actions': {
        const graph = registry.entry<ResolvedGraph>(product, env, 'graphs', target, 'graph');
        if (step.namespace === 'graph-actions') findGraphAction(graph, { product, env, graph: target }, event);
        return undefined;
      }
    }
  } catch (error) {
    if (!(error instanceof UnknownResourceError)) throw error;
    return { field: error.field, message: `${error.message} (env '${env}')` };
  }
}

function executorProblem(executors: ExecutorRegistry, step: FeatureStep): { field: string; message: string } | undefined {
  try {
    executors.get(step.namespace);
    return undefined;
  } catch (error) {
    return { field: 'namespace', message: (error as Error).message };
  }
}
