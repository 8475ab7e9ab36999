import { Injectable } from '@nestjs/common';
import { ResourceRegistry, UnknownResourceError } from '../../resources';
import type { ResolvedGraph } from '../../resources/sections/graphs.section';
import type { JobEntity } from '../../scheduler/entities/job.entity';
import { NonRetryableError } from '../../scheduler/retry-policy';
import { DatabaseConnections } from '../databases/connections/database-connections';
import type { GraphRef, PreparedGraphAction } from './graph-action';
import { GraphRunResult, toRunResult } from './graph-run-result';
import { GraphStoreError } from './store/graph-store-error';
import { SqlGraphStore } from './store/sql-graph-store';

export function graphRef(job: Readonly<JobEntity>): GraphRef {
  return { product: job.product, env: job.env, graph: job.target };
}

/**
 * Runs checked graph operations on the built-in SQL store, in the database the registry names for the
 * graph, over the pool that DatabaseConnections keeps for it. Shared by both graph executors.
 */
@Injectable()
export class GraphRunner {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly connections: DatabaseConnections,
  ) {}

  /** The graph as the registry has it now; a graph removed since dispatch fails the run for good. */
  graph(ref: GraphRef): ResolvedGraph {
    try {
      return this.registry.entry<ResolvedGraph>(ref.product, ref.env, 'graphs', ref.graph, 'graph');
    } catch (error) {
      if (error instanceof UnknownResourceError) throw new NonRetryableError(`${error.message} (removed from the registry since dispatch)`);
      throw error;
    }
  }

  async run(ref: GraphRef, prepared: PreparedGraphAction, signal?: AbortSignal): Promise<GraphRunResult> {
    const graph = this.graph(ref);
    let dataSource;
    try {
      dataSource = await this.connections.dataSource(ref.product, ref.env, graph.database);
    } catch (error) {
      if (error instanceof UnknownResourceError) throw new NonRetryableError(`graph '${ref.graph}': ${error.message}`);
      // Unreachable: retried, with the pool's message (its password already removed).
      throw error;
    }
    try {
      const value = await new SqlGraphStore(dataSource, ref.graph).run(prepared.operation, prepared.args, signal);
      return toRunResult(ref.graph, prepared.operation, value);
    } catch (error) {
      if (error instanceof GraphStoreError) throw new NonRetryableError(error.message);
      throw error;
    }
  }
}
