import { GraphInputError, parseGraphArgs } from './graph-input';
import type { GraphOperation } from './graph-operations';

const problem = (operation: GraphOperation, input: unknown): { field: string; message: string } => {
  try {
    parseGraphArgs(operation, input);
  } catch (error) {
    if (error instanceof GraphInputError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error('expected a GraphInputError');
};

describe('parseGraphArgs', () => {
  it('fills defaults', () => {
    expect(parseGraphArgs('findNodes', {})).toEqual({ labels: [], filter: {}, limit: 100, offset: 0 });
    expect(parseGraphArgs('getNeighborhood', { node: '7' })).toEqual({ node: 7, depth: 1, direction: 'both', types: [], limit: 1000 });
    expect(parseGraphArgs('shortestPath', { from: 1, to: 2, type: 'KNOWS', direction: 'out' })).toEqual({ from: 1, to: 2, maxDepth: 6, direction: 'out', types: ['KNOWS'] });
    expect(parseGraphArgs('deleteNodes', { labels: ['Session', 'Session'] })).toEqual({ labels: ['Session'], filter: {}, detach: false });
    expect(parseGraphArgs('createRelationship', { type: 'OWNS', from: 1, to: 2 })).toEqual({ type: 'OWNS', from: 1, to: 2, properties: {} });
  });

  it.each<[GraphOperation, unknown, string, string]>([
    ['findNodes', [], 'input', 'input must be an object'],
    ['findNodes', { table: 'x' }, 'input.table', 'input.table is not an argument of findNodes (expected labels, filter, limit, offset)'],
    ['findNodes', { filter: { age: { $where: '1' } } }, 'input.filter.age.$where', "input.filter.age.$where: unknown operator '$where'"],
    ['findNodes', { limit: 5000 }, 'input.limit', 'input.limit must be an integer from 1 to 1000'],
    ['createNode', { labels: ['Bad-Label'] }, 'input.labels[0]', 'input.labels[0] must be a name of letters, digits and _, starting with a letter or _ (at most 128)'],
    ['createNode', { properties: JSON.parse('{"__proto__": {"admin": true}}') }, 'input.properties.__proto__', "input.properties: '__proto__' is not a valid property name (letters, digits, _ and -, starting with a letter or _)"],
    ['mergeNode', { labels: ['User'] }, 'input.match', 'input.match must name at least one property to merge on'],
    ['mergeNode', { match: { id: { $gt: 1 } } }, 'input.match.id', 'input.match.id must be a string, number or boolean'],
    ['updateNodes', { labels: ['User'] }, 'input.set', 'input.set or input.unset must change at least one property'],
    ['updateNodes', { set: { a: 1 } }, 'input.filter', 'updateNodes without labels or filter would touch every node: add input.all: true to mean it'],
    ['deleteNodes', { filter: {} }, 'input.filter', 'deleteNodes without labels or filter would touch every node: add input.all: true to mean it'],
    ['deleteNodes', { labels: ['A'], detach: 'yes' }, 'input.detach', 'input.detach must be a boolean'],
    ['deleteRelationships', {}, 'input.filter', 'deleteRelationships without type, from, to or filter would delete every relationship: add input.all: true to mean it'],
    ['createRelationship', { from: 1, to: 2 }, 'input.type', 'input.type is required'],
    ['createRelationship', { type: 'A', from: 0, to: 2 }, 'input.from', 'input.from must be a node id (a positive integer)'],
    ['createRelationship', { type: 'A', from: "1 OR 1=1", to: 2 }, 'input.from', 'input.from must be a node id (a positive integer)'],
    ['getNeighborhood', { node: 1, depth: 6 }, 'input.depth', 'input.depth must be an integer from 1 to 5'],
    ['getNeighborhood', { node: 1, direction: 'up' }, 'input.direction', 'input.direction must be one of out, in, both'],
    ['shortestPath', { from: 1 }, 'input.to', 'input.to is required: a node id'],
    ['shortestPath', { from: 1, to: 2, maxDepth: 16 }, 'input.maxDepth', 'input.maxDepth must be an integer from 1 to 15'],
  ])('%s %j → %s', (operation, input, field, message) => expect(problem(operation, input)).toEqual({ field, message }));

  it('accepts all: true for an unfiltered update or delete', () => {
    expect(parseGraphArgs('deleteNodes', { all: true, detach: true })).toEqual({ labels: [], filter: {}, detach: true });
    expect(parseGraphArgs('deleteRelationships', { all: true })).toEqual({ types: [], filter: {} });
  });
});
