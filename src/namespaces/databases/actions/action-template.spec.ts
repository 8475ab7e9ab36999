import { InputProblem } from '../operations/input-problem';
import { prepareAction } from './action-runner';
import { actionPlaceholders, bindSql, checkActionInput, fillTemplate, placeholderValues } from './action-template';

const problem = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputProblem);
    return { field: (error as InputProblem).field, message: (error as InputProblem).message };
  }
  throw new Error('expected a problem');
};

describe('action templates', () => {
  const purge = { operation: 'deleteMany' as const, table: 'logs', filter: { createdAt: { $lt: '{{before}}' }, level: { $in: '{{levels}}' } } };

  it('lists placeholders of templates and SQL', () => {
    expect(actionPlaceholders(purge)).toEqual(['before', 'levels']);
    expect(actionPlaceholders({ sql: 'UPDATE t SET a = :a WHERE b = :b AND c = :a' })).toEqual(['a', 'b']);
  });

  it('takes values from query first, then data, keeping whole-placeholder types', () => {
    const values = placeholderValues('purge', purge, { query: { before: '2025-01-01' }, data: { before: 'ignored', levels: ['a', 'b'] } });
    expect(fillTemplate(purge, values)).toEqual({ ...purge, filter: { createdAt: { $lt: '2025-01-01' }, level: { $in: ['a', 'b'] } } });
    const typed = placeholderValues('x', { operation: 'find', table: 't', limit: '{{n}}' }, { query: { n: 5 } });
    expect(fillTemplate({ limit: '{{n}}', note: 'n = {{ n }}!' }, typed)).toEqual({ limit: 5, note: 'n = 5!' });
  });

  it('never fills keys, so a placeholder cannot become a column or an operator', () => {
    const values = new Map([['col', 'password']]);
    expect(fillTemplate({ filter: { '{{col}}': 1 } }, values)).toEqual({ filter: { '{{col}}': 1 } });
  });

  it('refuses missing values, objects, bad lists and prototype names', () => {
    expect(problem(() => placeholderValues('purge', purge, { query: { before: 'x' } }))).toEqual({
      field: 'input.query.levels',
      message: "input.query.levels (or input.data.levels) is required by action 'purge'",
    });
    expect(problem(() => placeholderValues('purge', purge, { query: { before: { $gt: '' }, levels: ['a'] } }))).toEqual({
      field: 'input.query.before',
      message: 'input.query.before: expected a scalar (string, number, boolean or null) or a list of them, got object',
    });
    expect(problem(() => placeholderValues('purge', purge, { data: { before: 'x', levels: [] } })).message).toBe('input.data.levels must be a list of 1 to 1000 values');
    expect(problem(() => placeholderValues('purge', purge, { data: { before: 'x', levels: [null] } })).message).toBe(
      'input.data.levels[0]: expected a string, number or boolean, got null',
    );
    const proto = { sql: 'SELECT :constructor' };
    expect(problem(() => placeholderValues('p', proto, { query: {} })).field).toBe('input.query.constructor');
    expect(problem(() => fillTemplate({ a: 'x {{v}}' }, new Map([['v', ['a']]]))).message).toBe(
      'input.query.v must be a string, number or boolean: action.a uses it inside a longer string',
    );
  });

  it('checks the input shape', () => {
    expect(checkActionInput(undefined)).toEqual({});
    expect(problem(() => checkActionInput({ query: {}, params: {} }))).toEqual({ field: 'input.params', message: 'input.params is not allowed (an action takes input.query and input.data)' });
    expect(problem(() => checkActionInput({ data: 'x' })).message).toBe('input.data: expected an object, got string');
  });

  it('checks a filled template as an operation input, naming the action', () => {
    const wide = { operation: 'deleteMany' as const, table: 'logs', filter: { level: '{{level}}' } };
    expect(prepareAction('wide', wide, { query: { level: 'x' } })).toEqual({ kind: 'operation', operation: 'deleteMany', input: { table: 'logs', filter: { level: 'x' } } });
    const bad = { operation: 'find' as const, table: 'logs', filter: { id: { $in: '{{ids}}' } } };
    expect(problem(() => prepareAction('bad', bad, { query: { ids: 5 } }))).toEqual({
      field: 'input',
      message: "action 'bad' with this input: input.filter.id.$in: expected an array, got number",
    });
  });
});

describe('bindSql', () => {
  const values = new Map<string, unknown>([
    ['qty', 3],
    ['sku', "x' OR '1'='1"],
    ['ids', [1, 2]],
  ]) as Map<string, never>;

  it('binds :name outside quotes and comments, expanding lists', () => {
    const sql = "UPDATE t SET qty = :qty, note = ':qty' WHERE sku = :sku AND id IN (:ids) -- :sku\nAND x::text = :sku";
    expect(bindSql(sql, values, 'mysql')).toEqual({
      sql: "UPDATE t SET qty = ?, note = ':qty' WHERE sku = ? AND id IN (?, ?) -- :sku\nAND x::text = ?",
      parameters: [3, "x' OR '1'='1", 1, 2, "x' OR '1'='1"],
    });
    expect(bindSql(sql, values, 'postgres')).toEqual({
      sql: "UPDATE t SET qty = $1, note = ':qty' WHERE sku = $2 AND id IN ($3, $4) -- :sku\nAND x::text = $2",
      parameters: [3, "x' OR '1'='1", 1, 2],
    });
  });
});
