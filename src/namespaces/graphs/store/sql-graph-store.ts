import type { DataSource } from 'typeorm';
import type { GraphArgs, GraphOperation, NodeSelector } from '../graph-operations';
import { createNode, countNodes, deleteNodes, findNodes, mergeNode, updateNodes } from './graph-nodes';
import { createRelationship, deleteRelationships, findRelationships } from './graph-relationships';
import { ensureGraphSchema } from './graph-schema';
import { GraphSql } from './graph-sql';
import { getNeighborhood, shortestPath } from './graph-traversal';

/** What each operation answers. */
export interface GraphResults {
  createNode: Awaited<ReturnType<typeof createNode>>;
  mergeNode: Awaited<ReturnType<typeof mergeNode>>;
  findNodes: Awaited<ReturnType<typeof findNodes>>;
  countNodes: number;
  updateNodes: number;
  deleteNodes: Awaited<ReturnType<typeof deleteNodes>>;
  createRelationship: Awaited<ReturnType<typeof createRelationship>>;
  findRelationships: Awaited<ReturnType<typeof findRelationships>>;
  deleteRelationships: number;
  getNeighborhood: Awaited<ReturnType<typeof getNeighborhood>>;
  shortestPath: Awaited<ReturnType<typeof shortestPath>>;
}

type Work<O extends GraphOperation> = (sql: GraphSql, args: GraphArgs[O]) => Promise<GraphResults[O]>;

/** Writes that touch several rows run in one transaction, so that a failure leaves the graph as it was. */
const OPERATIONS: { [O in GraphOperation]: { transaction: boolean; work: Work<O> } } = {
  createNode: { transaction: true, work: createNode },
  mergeNode: { transaction: true, work: mergeNode },
  findNodes: { transaction: false, work: findNodes },
  countNodes: { transaction: false, work: (sql, args: NodeSelector) => countNodes(sql, args) },
  updateNodes: { transaction: false, work: (sql, args) => updateNodes(sql, args) },
  deleteNodes: { transaction: true, work: deleteNodes },
  createRelationship: { transaction: false, work: createRelationship },
  findRelationships: { transaction: false, work: findRelationships },
  deleteRelationships: { transaction: false, work: deleteRelationships },
  getNeighborhood: { transaction: false, work: getNeighborhood },
  shortestPath: { transaction: false, work: shortestPath },
};

/**
 * A property graph kept in SQL tables of a registered database (DESIGN §5): nodes with labels and JSON
 * properties, typed relationships with JSON properties. Several graphs share the tables, told apart by
 * name. The tables are created on first use. Arguments come from `parseGraphArgs`, which has checked them.
 */
export class SqlGraphStore {
  constructor(
    private readonly dataSource: DataSource,
    readonly graph: string,
  ) {}

  /** Runs one operation; when `signal` aborts, its statement is cancelled on the server. */
  async run<O extends GraphOperation>(operation: O, args: GraphArgs[O], signal?: AbortSignal): Promise<GraphResults[O]> {
    await ensureGraphSchema(this.dataSource);
    const { transaction, work } = OPERATIONS[operation] as { transaction: boolean; work: Work<O> };
    return GraphSql.use(this.dataSource, this.graph, transaction, (sql) => work(sql, args), signal);
  }
}
