import type { DataSource } from 'typeorm';
import { parseGraphArgs } from '../src/namespaces/graphs/graph-input';
import type { GraphOperation } from '../src/namespaces/graphs/graph-operations';
import { SqlGraphStore } from '../src/namespaces/graphs/store/sql-graph-store';
import { createGraphDatabase, dropGraphDatabase, GRAPH_DATABASE_TYPES, openGraphDataSource } from './support/graphs/graph-databases';
import { GRAPH_TARGET_DATABASE, graphsRegistry } from './support/graphs/graphs-registry';
import { bfs, bulkInsert, generateGraph, nodeLabels, walkedEdges } from './support/graphs/reference-graph';
import { countRows, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

interface NodeRow {
  id: number;
  labels: string[];
  properties: Record<string, unknown>;
  depth?: number;
}

/** The fields of graph run results these tests read; the rest is compared as a whole. */
interface RunResult {
  [field: string]: unknown;
  node: NodeRow;
  nodes: NodeRow[];
  relationship: unknown;
  relationships: unknown[];
  count: number;
}

interface Run {
  attempt: number;
  status: string;
  result: RunResult | null;
  error: string | null;
}

describe('graphs, end to end', () => {
  let t: TestApp | undefined;

  beforeAll(async () => {
    for (const type of GRAPH_DATABASE_TYPES) await createGraphDatabase(type, GRAPH_TARGET_DATABASE);
    t = await startTestApp('graphs', graphsRegistry());
  });

  afterAll(async () => {
    await t?.close();
    for (const type of GRAPH_DATABASE_TYPES) await dropGraphDatabase(type, GRAPH_TARGET_DATABASE);
  });

  const app = () => t as TestApp;
  const post = (path: string, body: Record<string, unknown>) => app().http.post(path).send({ env: 'prd', product: 'shop', ...body });
  /** Dispatches, waits for the job to finish, and returns its last run. */
  const runJob = async (path: string, body: Record<string, unknown>): Promise<Run> => {
    const res = await post(path, body).expect(201);
    const id = res.body.job_id as string;
    await waitFor(async () => ['completed', 'failed'].includes((await app().http.get(`/jobs/${id}`).expect(200)).body.status), 20_000);
    const runs: Run[] = (await app().http.get(`/jobs/${id}/runs`).expect(200)).body.items;
    return runs[runs.length - 1];
  };

  describe.each(GRAPH_DATABASE_TYPES)('on %s', (type) => {
    const graph = `${type}-graph`;
    const operation = async (name: GraphOperation, input: Record<string, unknown>) => {
      const run = await runJob('/graphs/dispatch', { graph, operation: name, input });
      expect(run).toMatchObject({ status: 'completed', error: null });
      return run.result as RunResult;
    };

    it('runs every operation through dispatch and the worker', async () => {
      const ann = (await operation('createNode', { labels: ['User'], properties: { name: 'Ann', age: 31, admin: true } })).node;
      expect(ann).toEqual({ id: expect.any(Number), labels: ['User'], properties: { name: 'Ann', age: 31, admin: true } });
      const bob = (await operation('createNode', { labels: ['User'], properties: { name: 'Bob', age: '29' } })).node;
      const merged = await operation('mergeNode', { labels: ['User'], match: { name: 'Bob' }, properties: { city: 'Oslo' } });
      expect(merged).toMatchObject({ graph, operation: 'mergeNode', affected: 1, created: false, node: { id: bob.id, properties: { name: 'Bob', age: '29', city: 'Oslo' } } });
      const cid = (await operation('mergeNode', { labels: ['User'], match: { name: 'Cid' }, properties: { age: 40 } })).node;
      expect(cid).toMatchObject({ properties: { name: 'Cid', age: 40 } });

      // Numbers compare with numbers only: Bob's "29" is a string and matches neither side.
      expect((await operation('findNodes', { labels: ['User'], filter: { age: { $gte: 30 } } })).nodes.map((n) => n.properties.name)).toEqual(['Ann', 'Cid']);
      expect((await operation('findNodes', { filter: { age: { $lt: 30 } } })).count).toBe(0);
      expect((await operation('findNodes', { filter: { $or: [{ admin: true }, { city: { $like: 'Os%' } }] } })).nodes.map((n) => n.id)).toEqual([ann.id, bob.id]);
      expect((await operation('findNodes', { filter: { name: 'ann' } })).count).toBe(0);
      expect(await operation('countNodes', { labels: ['User'], filter: { admin: { $ne: true } } })).toMatchObject({ count: 2 });

      expect(await operation('updateNodes', { labels: ['User'], filter: { name: { $in: ['Ann', 'Cid'] } }, set: { vip: true }, unset: ['admin'] })).toMatchObject({ affected: 2 });
      expect((await operation('findNodes', { filter: { vip: true } })).nodes.map((n) => n.properties)).toEqual([
        { name: 'Ann', age: 31, vip: true },
        { name: 'Cid', age: 40, vip: true },
      ]);

      const knows = (await operation('createRelationship', { type: 'KNOWS', from: ann.id, to: bob.id, properties: { since: 2020 } })).relationship;
      expect(knows).toEqual({ id: expect.any(Number), type: 'KNOWS', from: ann.id, to: bob.id, properties: { since: 2020 } });
      await operation('createRelationship', { type: 'KNOWS', from: bob.id, to: cid.id, properties: { since: 2024 } });
      expect((await operation('findRelationships', { type: 'KNOWS', filter: { since: { $lt: 2022 } } })).relationships).toEqual([knows]);

      const around = await operation('getNeighborhood', { node: cid.id, depth: 2 });
      expect(around).toMatchObject({ node_count: 3, relationship_count: 2, truncated: false });
      expect(around.nodes.map((n) => [n.id, n.depth])).toEqual([[cid.id, 0], [bob.id, 1], [ann.id, 2]]);
      const path = await operation('shortestPath', { from: ann.id, to: cid.id, direction: 'out' });
      expect(path).toMatchObject({ found: true, length: 2 });
      expect(path.nodes.map((n) => n.id)).toEqual([ann.id, bob.id, cid.id]);
      expect(await operation('shortestPath', { from: cid.id, to: ann.id, direction: 'out' })).toMatchObject({ found: false });

      // A node with relationships is not deleted without detach, and the failure is not retried.
      const refused = await runJob('/graphs/dispatch', { graph, operation: 'deleteNodes', input: { filter: { name: 'Bob' } }, retries: 2 });
      expect(refused).toMatchObject({ attempt: 1, status: 'failed', error: 'deleteNodes: 1 of the matched nodes still have relationships; delete those first, or pass detach: true' });
      expect((await operation('countNodes', {})).count).toBe(3);
      expect(await operation('deleteNodes', { filter: { name: 'Bob' }, detach: true })).toMatchObject({ affected: 1, relationships_deleted: 2 });
      expect(await operation('findRelationships', {})).toMatchObject({ count: 0 });
      expect(await operation('deleteRelationships', { type: 'KNOWS' })).toMatchObject({ affected: 0 });
      expect(await operation('deleteNodes', { all: true })).toMatchObject({ affected: 2, relationships_deleted: 0 });
    });

    it('runs named actions with their placeholders bound as values', async () => {
      const action = async (event: string, input: Record<string, unknown>) => {
        const run = await runJob('/graphs/actions/dispatch', { graph, event, input });
        expect(run).toMatchObject({ status: 'completed', error: null });
        return run.result as RunResult;
      };
      const user = (await operation('createNode', { labels: ['Person'], properties: { name: 'Dee' } })).node;
      const hostile = "x' OR '1'='1";
      const old = await action('open_session', { query: { token: hostile, expiresAt: '2020-01-01T00:00:00Z' } });
      expect(old).toMatchObject({ action: 'open_session', operation: 'mergeNode', created: true, node: { labels: ['Session'], properties: { token: hostile } } });
      const fresh = await action('open_session', { query: { token: 't2' }, data: { expiresAt: '2999-01-01T00:00:00Z' } });
      await action('own', { data: { user: user.id, session: old.node.id } });
      expect(await action('expire', { query: { before: '2026-01-01T00:00:00Z' } })).toMatchObject({ affected: 1, relationships_deleted: 1 });
      expect((await operation('findNodes', { labels: ['Session'] })).nodes.map((n) => n.id)).toEqual([fresh.node.id]);
    });
  });

  it('refuses at dispatch what it can see, naming the field, and writes nothing', async () => {
    const jobs = await countRows(app().dataSource, 'jobs');
    const cases: Array<[string, Record<string, unknown>, number, string]> = [
      ['/graphs/dispatch', { graph: 'nope', operation: 'findNodes', input: {} }, 404, "Unknown graph 'nope' in product 'shop'"],
      ['/graphs/dispatch', { graph: 'mariadb-graph', operation: 'dropGraph', input: {} }, 400, 'operation must be one of'],
      ['/graphs/dispatch', { graph: 'mariadb-graph', operation: 'findNodes', input: { filter: { age: { $where: 'sleep(5)' } } } }, 400, "input.filter.age.$where: unknown operator '$where'"],
      ['/graphs/dispatch', { graph: 'postgres-graph', operation: 'deleteNodes', input: {} }, 400, 'deleteNodes without labels or filter would touch every node: add input.all: true to mean it'],
      ['/graphs/dispatch', { graph: 'postgres-graph', operation: 'getNeighborhood', input: { node: 1, depth: 9 } }, 400, 'input.depth must be an integer from 1 to 5'],
      ['/graphs/actions/dispatch', { graph: 'mariadb-graph', event: 'nope', input: {} }, 404, "Unknown action 'nope' for graph 'mariadb-graph' in product 'shop'"],
      ['/graphs/actions/dispatch', { graph: 'mariadb-graph', event: 'expire', input: { query: {} } }, 400, "input.query.before (or input.data.before) is required by action 'expire'"],
      ['/graphs/actions/dispatch', { graph: 'mariadb-graph', event: 'expire', input: { query: { before: { $gt: '' } } } }, 400, 'input.query.before: expected a scalar'],
    ];
    for (const [path, body, status, message] of cases) {
      const res = await post(path, body);
      expect([res.status, JSON.stringify(res.body)]).toEqual([status, expect.stringContaining(message)]);
    }
    expect(await countRows(app().dataSource, 'jobs')).toBe(jobs);
  });
});

describe.each(GRAPH_DATABASE_TYPES)('the SQL graph store on %s, 10,000 nodes and 50,000 relationships', (type) => {
  const database = 'dispatch_test_graphlarge';
  const reference = generateGraph(10_000, 50_000);
  let dataSource: DataSource | undefined;
  let store: SqlGraphStore;
  const run = <O extends GraphOperation>(operation: O, input: Record<string, unknown>) => store.run(operation, parseGraphArgs(operation, input));

  beforeAll(async () => {
    await createGraphDatabase(type, database);
    dataSource = await openGraphDataSource(type, database);
    store = new SqlGraphStore(dataSource, 'large');
    await run('countNodes', {}); // creates the tables
    await bulkInsert(dataSource, 'large', reference);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropGraphDatabase(type, database);
  });

  it('creates one node when twenty merges of the same key run at once, whatever order their labels and match keys come in', async () => {
    const merges = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        run('mergeNode', i % 2 ? { labels: ['Merged', 'Once'], match: { key: 'k-1', n: 1 }, properties: { by: i } } : { labels: ['Once', 'Merged'], match: { n: 1, key: 'k-1' }, properties: { by: i } }),
      ),
    );
    expect(merges.filter((merge) => merge.created)).toHaveLength(1);
    expect(new Set(merges.map((merge) => merge.node.id)).size).toBe(1);
    expect(await run('countNodes', { labels: ['Merged'] })).toBe(1);
    await run('deleteNodes', { labels: ['Merged'] });
  });

  it('counts and finds by label and property filter', async () => {
    expect(await run('countNodes', {})).toBe(10_000);
    expect(await run('countNodes', { labels: ['Even'] })).toBe(5_000);
    expect(await run('countNodes', { labels: ['Item'], filter: { group: 3, i: { $gt: 5000 } } })).toBe(500);
    const found = await run('findNodes', { labels: ['Even'], filter: { i: { $gte: 100, $lt: 110 } } });
    expect(found.map((node) => node.id)).toEqual([100, 102, 104, 106, 108]);
    expect(found[0]).toEqual({ id: 100, labels: nodeLabels(100), properties: { i: 100, group: 0, name: 'n100' } });
  });

  it.each<[number, number, 'out' | 'in' | 'both', string[] | undefined]>([
    [17, 2, 'both', undefined],
    [4242, 3, 'out', ['A']],
    [9001, 2, 'in', undefined],
    // Reaches nearly the whole graph: wide frontiers, expanded a thousand ids per statement.
    [1, 4, 'both', undefined],
  ])('finds the neighborhood of %i at depth %i (%s, types %j) as breadth-first search does', async (node, depth, direction, types) => {
    const result = await run('getNeighborhood', { node, depth, direction, ...(types && { type: types }), limit: 10_000 });
    const expected = bfs(reference, node, depth, direction, types);
    expect(result.truncated).toBe(false);
    expect(new Map(result.nodes.map((n) => [n.id, n.depth]))).toEqual(expected);
    expect(result.relationships.map((r) => r.id).sort((a, b) => a - b)).toEqual(walkedEdges(reference, expected, depth, direction, types));
  });

  it('stops a neighborhood at its node limit and says so', async () => {
    const result = await run('getNeighborhood', { node: 1, depth: 5, limit: 500 });
    expect(result).toMatchObject({ truncated: true });
    expect(result.nodes).toHaveLength(500);
  });

  it('finds shortest paths as long as breadth-first search does, along real relationships', async () => {
    const edges = new Map(reference.edges.map((edge) => [edge.id, edge]));
    for (const [from, to, direction] of [[1, 9999, 'out'], [2500, 7500, 'both'], [31, 32, 'in'], [5, 5, 'out']] as const) {
      const distance = bfs(reference, from, 15, direction).get(to);
      const result = await run('shortestPath', { from, to, direction, maxDepth: 15 });
      expect([from, to, result.found, result.length]).toEqual([from, to, distance !== undefined, distance]);
      result.relationships.forEach((relationship, i) => {
        const [a, b] = [result.nodes[i].id, result.nodes[i + 1].id];
        const edge = edges.get(relationship.id);
        const ok = (direction !== 'in' && edge?.from === a && edge?.to === b) || (direction !== 'out' && edge?.to === a && edge?.from === b);
        expect([relationship.id, ok]).toEqual([relationship.id, true]);
      });
    }
    const far = bfs(reference, 1, 15, 'out').get(9999) as number;
    expect(await run('shortestPath', { from: 1, to: 9999, direction: 'out', maxDepth: far - 1 })).toMatchObject({ found: false });
  });

  it('deletes nodes with detach and leaves no dangling relationship', async () => {
    const doomed = (id: number) => id % 10 === 7;
    const touching = reference.edges.filter((edge) => doomed(edge.from) || doomed(edge.to)).length;
    await expect(run('deleteNodes', { filter: { group: 7 } })).rejects.toThrow('of the matched nodes still have relationships');
    expect(await run('deleteNodes', { filter: { group: 7 }, detach: true })).toEqual({ nodes: 1000, relationships: touching });
    const ds = dataSource as DataSource;
    const [dangling] = await ds.query(
      `SELECT COUNT(*) AS n FROM graph_relationships r LEFT JOIN graph_nodes a ON a.id = r.from_id LEFT JOIN graph_nodes b ON b.id = r.to_id WHERE a.id IS NULL OR b.id IS NULL`,
    );
    expect(Number(dangling.n)).toBe(0);
    const [left] = await ds.query('SELECT COUNT(*) AS n FROM graph_relationships');
    expect(Number(left.n)).toBe(reference.edges.length - touching);
    const [labels] = await ds.query('SELECT COUNT(*) AS n FROM graph_node_labels');
    expect(Number(labels.n)).toBe(14_000);
    expect(await run('countNodes', {})).toBe(9_000);
  });
});
