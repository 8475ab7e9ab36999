import { UnknownResourceError } from '../../resources';
import type { ResolvedGraph } from '../../resources/sections/graphs.section';
import { findGraphAction, prepareGraphAction } from './graph-action';
import { GraphInputError } from './graph-input';

const graph: ResolvedGraph = {
  type: 'sql',
  database: 'db',
  actions: {
    expire: { operation: 'deleteNodes', labels: ['Session'], filter: { expiresAt: { $lt: '{{before}}' } }, detach: true },
    link: { operation: 'createRelationship', type: 'OWNS', from: '{{user}}', to: '{{session}}', properties: { note: 'by {{who}}' } },
  },
};
const ref = { product: 'shop', env: 'prd', graph: 'sessions' };

function failure(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('graph actions', () => {
  it('finds an action by name, and answers an unknown one with a 404 on event', () => {
    expect(findGraphAction(graph, ref, 'expire')).toBe(graph.actions.expire);
    const error = failure(() => findGraphAction(graph, ref, 'toString'));
    expect(error).toBeInstanceOf(UnknownResourceError);
    expect(error).toMatchObject({ field: 'event', message: "Unknown action 'toString' for graph 'sessions' in product 'shop'" });
  });

  it('fills placeholders from query, then data, keeping whole values typed', () => {
    expect(prepareGraphAction('expire', graph.actions.expire, { query: { before: '2026-01-01' } })).toEqual({
      operation: 'deleteNodes',
      args: { labels: ['Session'], filter: { expiresAt: { $lt: '2026-01-01' } }, detach: true },
    });
    expect(prepareGraphAction('link', graph.actions.link, { query: { user: 4 }, data: { user: 9, session: 5, who: 'ann' } })).toEqual({
      operation: 'createRelationship',
      args: { type: 'OWNS', from: 4, to: 5, properties: { note: 'by ann' } },
    });
  });

  it.each<[string, unknown, string, string]>([
    ['expire', {}, 'input.query.before', "input.query.before (or input.data.before) is required by action 'expire'"],
    ['expire', { query: { before: { $gt: '' } } }, 'input.query.before', 'input.query.before: expected a scalar (string, number, boolean or null) or a list of them, got object'],
    ['expire', { params: {} }, 'input.params', 'input.params is not allowed (an action takes input.query and input.data)'],
    ['link', { query: { user: 'x', session: 5, who: 'a' } }, 'input', "action 'link' (createRelationship) cannot run with this input: from must be a node id (a positive integer)"],
  ])('%s with %j → %s', (event, input, field, message) => {
    const error = failure(() => prepareGraphAction(event, graph.actions[event], input));
    expect(error).toBeInstanceOf(GraphInputError);
    expect(error).toMatchObject({ field, message });
  });
});
