import { FilterError } from '../databases/filter';
import { GraphArgs, GraphOperation, LIMITS, NodeSelector, Properties, RelationshipSelector } from './graph-operations';
import { DIALECTS } from './store/graph-dialect';
import { isPropertyName, translatePropertyFilter } from './store/property-filter';
import { isPlainObject } from '../../common/plain-values';

/** An operation's input that cannot run; `field` is the dispatch body's path to it (`input.filter.age.$gt`). */
export class GraphInputError extends Error {
  override readonly name = 'GraphInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A label or relationship type. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
type Input = Record<string, unknown>;

const KEYS: Record<GraphOperation, readonly string[]> = {
  createNode: ['labels', 'properties'],
  mergeNode: ['labels', 'match', 'properties'],
  findNodes: ['labels', 'filter', 'limit', 'offset'],
  countNodes: ['labels', 'filter'],
  updateNodes: ['labels', 'filter', 'set', 'unset', 'all'],
  deleteNodes: ['labels', 'filter', 'detach', 'all'],
  createRelationship: ['type', 'from', 'to', 'properties'],
  findRelationships: ['type', 'from', 'to', 'filter', 'limit', 'offset'],
  deleteRelationships: ['type', 'from', 'to', 'filter', 'all'],
  getNeighborhood: ['node', 'depth', 'direction', 'type', 'limit'],
  shortestPath: ['from', 'to', 'maxDepth', 'direction', 'type'],
};

/**
 * Checks an operation's input and returns its arguments with defaults filled in. Pure, so that a
 * dispatch is refused (400) for what it can see, and a run checks the input it resolved again.
 */
export function parseGraphArgs<O extends GraphOperation>(operation: O, input: unknown): GraphArgs[O] {
  if (!isPlainObject(input)) throw new GraphInputError('input', 'input must be an object');
  for (const key of Object.keys(input)) {
    if (!KEYS[operation].includes(key)) throw new GraphInputError(`input.${key}`, `input.${key} is not an argument of ${operation} (expected ${KEYS[operation].join(', ')})`);
  }
  return PARSERS[operation](input) as GraphArgs[O];
}

const PARSERS: { [O in GraphOperation]: (input: Input) => GraphArgs[O] } = {
  createNode: (input) => ({ labels: names(input, 'labels'), properties: properties(input, 'properties') }),
  mergeNode: (input) => {
    const match = properties(input, 'match');
    if (Object.keys(match).length === 0) throw new GraphInputError('input.match', 'input.match must name at least one property to merge on');
    for (const [key, value] of Object.entries(match)) {
      if (value === null || typeof value === 'object') throw new GraphInputError(`input.match.${key}`, `input.match.${key} must be a string, number or boolean`);
    }
    return { labels: names(input, 'labels'), match, properties: properties(input, 'properties') };
  },
  findNodes: (input) => ({ ...nodeSelector(input), ...page(input) }),
  countNodes: (input) => nodeSelector(input),
  updateNodes: (input) => {
    const selector = guardedNodeSelector(input, 'updateNodes');
    const set = properties(input, 'set');
    const unset = list(input, 'unset', (key, at) => {
      if (typeof key !== 'string' || !isPropertyName(key)) throw new GraphInputError(at, `${at} must be a property name`);
      return key;
    });
    if (Object.keys(set).length === 0 && unset.length === 0) throw new GraphInputError('input.set', 'input.set or input.unset must change at least one property');
    return { ...selector, set, unset };
  },
  deleteNodes: (input) => ({ ...guardedNodeSelector(input, 'deleteNodes'), detach: boolean(input, 'detach') }),
  createRelationship: (input) => {
    if (input.type === undefined) throw new GraphInputError('input.type', 'input.type is required');
    return { type: names(input, 'type')[0], from: nodeId(input, 'from', true) as number, to: nodeId(input, 'to', true) as number, properties: properties(input, 'properties') };
  },
  findRelationships: (input) => ({ ...relationshipSelector(input), ...page(input) }),
  deleteRelationships: (input) => {
    const selector = relationshipSelector(input);
    const narrowed = selector.types.length > 0 || selector.from !== undefined || selector.to !== undefined || !isEmptyFilter(selector.filter);
    if (!narrowed && input.all !== true) throw new GraphInputError('input.filter', 'deleteRelationships without type, from, to or filter would delete every relationship: add input.all: true to mean it');
    return selector;
  },
  getNeighborhood: (input) => ({
    node: nodeId(input, 'node', true) as number,
    depth: integer(input, 'depth', 1, LIMITS.neighborhoodDepth, 1),
    direction: direction(input),
    types: names(input, 'type'),
    limit: integer(input, 'limit', 1, LIMITS.neighborhoodNodesMax, LIMITS.neighborhoodNodesDefault),
  }),
  shortestPath: (input) => ({
    from: nodeId(input, 'from', true) as number,
    to: nodeId(input, 'to', true) as number,
    maxDepth: integer(input, 'maxDepth', 1, LIMITS.shortestPathDepth, LIMITS.shortestPathDepthDefault),
    direction: direction(input),
    types: names(input, 'type'),
  }),
};

function nodeSelector(input: Input): NodeSelector {
  return { labels: names(input, 'labels'), filter: filter(input) };
}

/** Updates and deletes must say which nodes, or say `all: true` (as the database namespace's *Many do). */
function guardedNodeSelector(input: Input, operation: string): NodeSelector {
  const selector = nodeSelector(input);
  if (input.all !== undefined && typeof input.all !== 'boolean') throw new GraphInputError('input.all', 'input.all must be a boolean');
  if (selector.labels.length === 0 && isEmptyFilter(selector.filter) && input.all !== true) {
    throw new GraphInputError('input.filter', `${operation} without labels or filter would touch every node: add input.all: true to mean it`);
  }
  return selector;
}

function relationshipSelector(input: Input): RelationshipSelector {
  return { types: names(input, 'type'), from: nodeId(input, 'from', false), to: nodeId(input, 'to', false), filter: filter(input) };
}

function page(input: Input): { limit: number; offset: number } {
  return { limit: integer(input, 'limit', 1, LIMITS.findMax, LIMITS.findDefault), offset: integer(input, 'offset', 0, Number.MAX_SAFE_INTEGER, 0) };
}

/** The filter, translated once here so that every mistake in it is reported before anything runs. */
function filter(input: Input): unknown {
  const value = input.filter ?? {};
  try {
    // Both dialects accept the same language: checking with one checks for both.
    translatePropertyFilter(value, DIALECTS.mysql, 'properties');
  } catch (error) {
    if (error instanceof FilterError) throw new GraphInputError(`input.${error.path}`, `input.${error.message}`);
    throw error;
  }
  return value;
}

function isEmptyFilter(value: unknown): boolean {
  return isPlainObject(value) && Object.keys(value).length === 0;
}

/** A label list (`labels`) or relationship types (`type`: one name or a list). */
function names(input: Input, key: string): string[] {
  const value = input[key];
  if (value === undefined) return [];
  const items = typeof value === 'string' ? [value] : value;
  const at = `input.${key}`;
  if (!Array.isArray(items) || items.length > LIMITS.names) throw new GraphInputError(at, `${at} must be a name or a list of at most ${LIMITS.names} names`);
  return [
    ...new Set(
      items.map((item, i) => {
        if (typeof item !== 'string' || !NAME.test(item)) throw new GraphInputError(`${at}[${i}]`, `${at}[${i}] must be a name of letters, digits and _, starting with a letter or _ (at most 128)`);
        return item as string;
      }),
    ),
  ];
}

function properties(input: Input, key: string): Properties {
  const value = input[key];
  const at = `input.${key}`;
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw new GraphInputError(at, `${at} must be an object of properties`);
  for (const name of Object.keys(value)) {
    if (!isPropertyName(name)) throw new GraphInputError(`${at}.${name}`, `${at}: '${name}' is not a valid property name (letters, digits, _ and -, starting with a letter or _)`);
    if (value[name] === undefined) throw new GraphInputError(`${at}.${name}`, `${at}.${name} must be a JSON value`);
  }
  return value;
}

function list<T>(input: Input, key: string, item: (value: unknown, at: string) => T): T[] {
  const value = input[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 1000) throw new GraphInputError(`input.${key}`, `input.${key} must be a list of at most 1000 items`);
  return value.map((entry, i) => item(entry, `input.${key}[${i}]`));
}

/** Node ids are positive integers; a digit string (from a template) is read as one. */
function nodeId(input: Input, key: string, required: boolean): number | undefined {
  const value = input[key];
  const at = `input.${key}`;
  if (value === undefined) {
    if (required) throw new GraphInputError(at, `${at} is required: a node id`);
    return undefined;
  }
  const id = typeof value === 'string' && /^[1-9][0-9]{0,15}$/.test(value) ? Number(value) : value;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) throw new GraphInputError(at, `${at} must be a node id (a positive integer)`);
  return id;
}

function integer(input: Input, key: string, min: number, max: number, fallback: number): number {
  const value = input[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new GraphInputError(`input.${key}`, `input.${key} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function boolean(input: Input, key: string): boolean {
  const value = input[key];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new GraphInputError(`input.${key}`, `input.${key} must be a boolean`);
  return value;
}

function direction(input: Input): 'out' | 'in' | 'both' {
  const value = input.direction ?? 'both';
  if (value !== 'out' && value !== 'in' && value !== 'both') throw new GraphInputError('input.direction', 'input.direction must be one of out, in, both');
  return value;
}

