import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getExecutorToken, isBuiltInExecutor, JobExecutor } from './executor.interface';
import { NonRetryableError } from './retry-policy';
import type { Namespace } from './job-status';

/**
 * Finds the executor of a namespace behind its token, wherever in the app it was provided. When a host
 * app provides the token too, its executor is used, whatever the order in which Nest met the modules.
 */
@Injectable()
export class ExecutorRegistry {
  private readonly cache = new Map<Namespace, JobExecutor>();

  constructor(private readonly moduleRef: ModuleRef) {}

  get(namespace: Namespace): JobExecutor {
    let executor = this.cache.get(namespace);
    if (!executor) {
      try {
        const found = this.moduleRef.get<JobExecutor>(getExecutorToken(namespace), { strict: false, each: true });
        executor = found.find((candidate) => !isBuiltInExecutor(candidate)) ?? found[0];
      } catch {
        throw new NonRetryableError(`No executor is registered for namespace '${namespace}': import its module or provide ${getExecutorToken(namespace)}`);
      }
      if (!executor) throw new NonRetryableError(`No executor is registered for namespace '${namespace}'`);
      this.cache.set(namespace, executor);
    }
    return executor;
  }
}
