import { FilterError } from '../../databases/filter';
import { DIALECTS } from './graph-dialect';
import { translatePropertyFilter } from './property-filter';

const mysql = (filter: unknown) => translatePropertyFilter(filter, DIALECTS.mysql, 'n.properties');
const postgres = (filter: unknown) => translatePropertyFilter(filter, DIALECTS.postgres, 'n.properties');
const error = (filter: unknown): FilterError => {
  try {
    mysql(filter);
  } catch (thrown) {
    return thrown as FilterError;
  }
  throw new Error('expected a FilterError');
};

describe('translatePropertyFilter', () => {
  it('binds the property name and the value, and compares only values of the same JSON kind', () => {
    expect(mysql({ age: { $gt: 30 } })).toEqual({
      where: "CASE WHEN JSON_TYPE(JSON_EXTRACT(n.properties, :p0)) IN ('INTEGER', 'UNSIGNED INTEGER', 'DOUBLE', 'DECIMAL') THEN (JSON_EXTRACT(n.properties, :p0) + 0) > :p1 ELSE 1 = 0 END",
      parameters: { p0: '$."age"', p1: 30 },
    });
    expect(postgres({ name: 'Ann' })).toEqual({
      where: "CASE WHEN jsonb_typeof(n.properties -> CAST(:p0 AS text)) IN ('string') THEN (n.properties ->> CAST(:p0 AS text)) = :p1 ELSE 1 = 0 END",
      parameters: { p0: 'name', p1: 'Ann' },
    });
  });

  it('reads booleans as JSON text, and null as an absent or null property', () => {
    expect(mysql({ admin: true }).parameters).toEqual({ p0: '$."admin"', p1: 'true' });
    expect(mysql({ admin: true }).where).toContain("IN ('BOOLEAN')");
    expect(postgres({ gone: null }).where).toBe("COALESCE(jsonb_typeof(n.properties -> CAST(:p0 AS text)), 'absent') IN ('absent', 'null')");
  });

  it('combines $and, $or, $not, $ne, $nin and upper-case forms, never leaving a value in the text', () => {
    const filter = { $or: [{ a: { $NE: 'x' } }, { b: { $nin: [1, 'two', false] } }], $NOT: { c: { $between: [1, 5] } }, d: { $exists: false }, e: { $LIKE: "%'; DROP TABLE graph_nodes; --" } };
    const { where, parameters } = mysql(filter);
    expect(where).not.toMatch(/DROP|'x'|two/);
    expect(Object.values(parameters)).toEqual(expect.arrayContaining(['x', 1, 'two', 'false', 5, "%'; DROP TABLE graph_nodes; --"]));
    expect(where.match(/NOT \(/g)).toHaveLength(4);
    expect(where).toContain('JSON_EXTRACT(n.properties, :p');
  });

  it('takes an empty filter as every row, and an empty $in as none', () => {
    expect(mysql({}).where).toBe('1 = 1');
    expect(mysql({ a: { $in: [] } }).where).toBe('1 = 0');
  });

  it.each<[unknown, string]>([
    [{ 'a.b': 1 }, "filter.a.b: 'a.b' is not a valid property name (letters, digits, _ and -, starting with a letter or _)"],
    [JSON.parse('{"__proto__": 1}'), "filter.__proto__: '__proto__' is not a valid property name (letters, digits, _ and -, starting with a letter or _)"],
    [{ a: { $where: 'sleep(1)' } }, "filter.a.$where: unknown operator '$where'"],
    [{ $regex: 'x' }, "filter.$regex: unknown operator '$regex'"],
    [{ a: { $gt: { $gt: 1 } } }, 'filter.a.$gt: expected a number or a string, got object'],
    [{ a: { b: 1 } }, "filter.a.b: unknown operator 'b'"],
    [{ a: [1] }, 'filter.a: expected a string, number, boolean or null, got array'],
    [{ a: { $in: Array.from({ length: 1001 }, (_, i) => i) } }, 'filter.a.$in: at most 1000 values, got 1001'],
    [{ a: { $between: [1, 'z'] } }, 'filter.a.$between: expected two values of the same kind (numbers or strings)'],
    [{ a: { $gt: true } }, 'filter.a.$gt: expected a number or a string, got boolean'],
    [{ $and: [] }, 'filter.$and: expected a non-empty array of filters, got array'],
    [{ a: { $in: [{ $gt: 1 }] } }, 'filter.a.$in[0]: expected a string, number or boolean, got object'],
    [{ a: { $and: [] } }, "filter.a.$and: operator '$and' cannot be used under a property"],
    [{ $not: { $not: { $not: { $not: { $not: { $not: { $not: { $not: { a: 1 } } } } } } } } }, 'filter: nested deeper than 8 levels'],
  ])('refuses %j: %s', (filter, message) => {
    const thrown = error(filter);
    expect(thrown).toBeInstanceOf(FilterError);
    expect(thrown.message).toBe(message);
  });
});
