import { InputProblem } from './input-problem';
import { checkOperationInput } from './operation-input';

function problem(operation: string, input: unknown): { field: string; message: string } {
  try {
    checkOperationInput(operation, input);
  } catch (error) {
    expect(error).toBeInstanceOf(InputProblem);
    return { field: (error as InputProblem).field, message: (error as InputProblem).message };
  }
  throw new Error('expected a problem');
}

describe('checkOperationInput', () => {
  it('normalises sort directions, de-duplicates column lists and defaults the filter', () => {
    expect(checkOperationInput('find', { table: 'logs', sort: { a: 1, b: 'DESC', c: -1, d: 'asc' }, fields: ['a', 'a', 'b'], limit: 5, offset: 0 })).toEqual({
      table: 'logs',
      filter: {},
      fields: ['a', 'b'],
      sort: [['a', 'ASC'], ['b', 'DESC'], ['c', 'DESC'], ['d', 'ASC']],
      limit: 5,
      offset: 0,
    });
    expect(checkOperationInput('insert', { table: 't', data: { a: 1 } }).data).toEqual([{ a: 1 }]);
    expect(checkOperationInput('insert', { table: 't', data: [{ a: 1 }, { b: null }] }).data).toEqual([{ a: 1 }, { b: null }]);
    expect(checkOperationInput('deleteMany', { table: 't', all: true })).toEqual({ table: 't', filter: {}, all: true });
    expect(checkOperationInput('aggregate', { table: 't', aggregate: { sum: ['a'], max: ['b'] }, groupBy: ['c'] })).toMatchObject({ aggregate: { sum: ['a'], max: ['b'] } });
  });

  it.each<[string, string, unknown, string, string]>([
    ['unknown operation', 'drop', { table: 't' }, 'operation', 'operation must be one of find, findOne, count, insert, updateOne, updateMany, deleteOne, deleteMany, upsert, aggregate'],
    ['input not an object', 'find', [1], 'input', 'input: expected an object, got array'],
    ['field of another operation', 'count', { table: 't', data: { a: 1 } }, 'input.data', "input.data is not allowed with operation 'count' (allowed: table, filter)"],
    ['missing table', 'find', {}, 'input.table', 'input.table must be a table name (letters, digits, _ and $, not starting with a digit, at most 64)'],
    ['schema-qualified table', 'find', { table: 'mysql.user' }, 'input.table', 'input.table must be a table name (letters, digits, _ and $, not starting with a digit, at most 64)'],
    ['unknown operator', 'find', { table: 't', filter: { a: { $regex: 'x' } } }, 'input.filter.a.$regex', "input.filter.a.$regex: unknown operator '$regex'"],
    ['filter column that cannot be a name', 'find', { table: 't', filter: { 'a b': 1 } }, 'input.filter.a b', "input.filter.a b: unknown column 'a b'"],
    ['data required', 'updateMany', { table: 't', filter: { a: 1 } }, 'input.data', 'input.data is required for updateMany'],
    ['many rows for an update', 'updateOne', { table: 't', data: [{ a: 1 }] }, 'input.data', 'input.data must be one object of column values for updateOne'],
    ['no rows', 'insert', { table: 't', data: [] }, 'input.data', 'input.data must hold 1 to 1000 rows, got 0'],
    ['too many rows', 'insert', { table: 't', data: Array.from({ length: 1001 }, () => ({ a: 1 })) }, 'input.data', 'input.data must hold 1 to 1000 rows, got 1001'],
    ['an empty row', 'insert', { table: 't', data: [{ a: 1 }, {}] }, 'input.data[1]', 'input.data[1]: expected at least one column'],
    ['an array value', 'insert', { table: 't', data: { a: [1] } }, 'input.data.a', 'input.data.a: expected a scalar (string, number, boolean or null), got array'],
    ['a constructor key', 'insert', { table: 't', data: { constructor: 1 } }, 'input.data.constructor', "input.data.constructor: unknown column 'constructor'"],
    ['upsert rows of different columns', 'upsert', { table: 't', data: [{ a: 1, b: 2 }, { a: 2 }] }, 'input.data[1]', 'input.data[1]: every row of an upsert must give the same columns'],
    ['limit over 1000', 'find', { table: 't', limit: 1001 }, 'input.limit', 'input.limit must be an integer from 1 to 1000'],
    ['negative offset', 'find', { table: 't', offset: -1 }, 'input.offset', 'input.offset must be an integer from 0 to 9007199254740991'],
    ['sort direction', 'find', { table: 't', sort: { a: 'up' } }, 'input.sort.a', 'input.sort.a must be "asc", "desc", 1 or -1'],
    ['empty sort', 'find', { table: 't', sort: {} }, 'input.sort', 'input.sort must be an object of 1 to 16 columns, each "asc", "desc", 1 or -1'],
    ['fields not a list', 'find', { table: 't', fields: 'a' }, 'input.fields', 'input.fields must be a list of 1 to 100 column names'],
    ['all not a boolean', 'deleteMany', { table: 't', all: 'true' }, 'input.all', 'input.all must be a boolean'],
    ['empty updateMany filter', 'updateMany', { table: 't', data: { a: 1 }, filter: {} }, 'input.filter', 'input.filter must not be empty for updateMany; to touch every row, give all: true'],
    ['all: false', 'deleteMany', { table: 't', all: false }, 'input.filter', 'input.filter must not be empty for deleteMany; to touch every row, give all: true'],
    ['aggregate missing', 'aggregate', { table: 't' }, 'input.aggregate', 'input.aggregate must be an object of sum, avg, min, max, each a list of columns'],
    ['aggregate function', 'aggregate', { table: 't', aggregate: { count: ['a'] } }, 'input.aggregate.count', 'input.aggregate.count: unknown function (expected sum, avg, min, max)'],
    ['too many values', 'insert', { table: 't', data: Array.from({ length: 1000 }, () => Object.fromEntries(Array.from({ length: 66 }, (_, i) => [`c${i}`, i]))) }, 'input.data', 'input.data holds 66000 values; at most 65535 fit one statement'],
  ])('%s', (_label, operation, input, field, message) => {
    expect(problem(operation, input)).toEqual({ field, message });
  });
});
