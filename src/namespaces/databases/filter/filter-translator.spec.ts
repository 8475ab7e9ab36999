import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { FilterError, doubleQuote, translateFilter } from './index';

const COLUMNS: ReadonlySet<string> = new Set(['name', 'age', 'status', 'createdAt', 'tags', 'a', 'b']);

const t = (filter: unknown, alias?: string) => translateFilter(filter, COLUMNS, alias);

function rejection(filter: unknown, columns: ReadonlySet<string> = COLUMNS): FilterError {
  try {
    translateFilter(filter, columns);
  } catch (err) {
    expect(err).toBeInstanceOf(FilterError);
    return err as FilterError;
  }
  throw new Error('expected translateFilter to throw');
}

describe('translateFilter', () => {
  const cases: Array<[string, unknown, string, Record<string, unknown>]> = [
    ['empty filter', {}, '1 = 1', {}],
    ['implicit equality', { name: 'x' }, '`name` = :f0', { f0: 'x' }],
    ['implicit equality with number', { age: 3 }, '`age` = :f0', { f0: 3 }],
    ['implicit equality with boolean', { status: false }, '`status` = :f0', { f0: false }],
    ['implicit null', { name: null }, '`name` IS NULL', {}],
    ['implicit AND across keys', { name: 'x', age: 2 }, '`name` = :f0 AND `age` = :f1', { f0: 'x', f1: 2 }],
    ['ISO date string', { createdAt: { $gte: '2024-01-01T00:00:00.000Z' } }, '`createdAt` >= :f0', { f0: '2024-01-01T00:00:00.000Z' }],
    ['$eq', { age: { $eq: 1 } }, '`age` = :f0', { f0: 1 }],
    ['$EQ', { age: { $EQ: 1 } }, '`age` = :f0', { f0: 1 }],
    ['$eq null', { age: { $eq: null } }, '`age` IS NULL', {}],
    ['$ne', { age: { $ne: 1 } }, '`age` <> :f0', { f0: 1 }],
    ['$NE', { age: { $NE: 1 } }, '`age` <> :f0', { f0: 1 }],
    ['$NOT_EQUAL', { age: { $NOT_EQUAL: 1 } }, '`age` <> :f0', { f0: 1 }],
    ['$ne null', { age: { $ne: null } }, '`age` IS NOT NULL', {}],
    ['$gt', { age: { $gt: 1 } }, '`age` > :f0', { f0: 1 }],
    ['$GT', { age: { $GT: 1 } }, '`age` > :f0', { f0: 1 }],
    ['$gte', { age: { $gte: 1 } }, '`age` >= :f0', { f0: 1 }],
    ['$GTE', { age: { $GTE: 1 } }, '`age` >= :f0', { f0: 1 }],
    ['$lt', { age: { $lt: 1 } }, '`age` < :f0', { f0: 1 }],
    ['$LT', { age: { $LT: 1 } }, '`age` < :f0', { f0: 1 }],
    ['$lte', { age: { $lte: 1 } }, '`age` <= :f0', { f0: 1 }],
    ['$LTE', { age: { $LTE: 1 } }, '`age` <= :f0', { f0: 1 }],
    ['range AND-ed', { age: { $gt: 1, $lt: 5 } }, '`age` > :f0 AND `age` < :f1', { f0: 1, f1: 5 }],
    ['$in', { tags: { $in: ['a', 'b'] } }, '`tags` IN (:f0, :f1)', { f0: 'a', f1: 'b' }],
    ['$IN', { tags: { $IN: [1] } }, '`tags` IN (:f0)', { f0: 1 }],
    ['empty $in', { tags: { $in: [] } }, '1 = 0', {}],
    ['$nin', { tags: { $nin: ['a', 'b'] } }, '`tags` NOT IN (:f0, :f1)', { f0: 'a', f1: 'b' }],
    ['$NIN', { tags: { $NIN: ['a'] } }, '`tags` NOT IN (:f0)', { f0: 'a' }],
    ['$NOT_IN', { tags: { $NOT_IN: ['a'] } }, '`tags` NOT IN (:f0)', { f0: 'a' }],
    ['empty $nin', { tags: { $nin: [] } }, '1 = 1', {}],
    ['$like', { name: { $like: 'ab%' } }, '`name` LIKE :f0', { f0: 'ab%' }],
    ['$LIKE', { name: { $LIKE: '%z' } }, '`name` LIKE :f0', { f0: '%z' }],
    ['$exists true', { name: { $exists: true } }, '`name` IS NOT NULL', {}],
    ['$exists false', { name: { $exists: false } }, '`name` IS NULL', {}],
    ['$EXISTS', { name: { $EXISTS: true } }, '`name` IS NOT NULL', {}],
    ['$IS_NULL true', { name: { $IS_NULL: true } }, '`name` IS NULL', {}],
    ['$IS_NULL false', { name: { $IS_NULL: false } }, '`name` IS NOT NULL', {}],
    ['$between', { age: { $between: [1, 9] } }, '`age` BETWEEN :f0 AND :f1', { f0: 1, f1: 9 }],
    ['$BETWEEN', { age: { $BETWEEN: ['a', 'z'] } }, '`age` BETWEEN :f0 AND :f1', { f0: 'a', f1: 'z' }],
    ['$and', { $and: [{ a: 1 }, { b: 2 }] }, '`a` = :f0 AND `b` = :f1', { f0: 1, f1: 2 }],
    ['$AND', { $AND: [{ a: 1 }] }, '`a` = :f0', { f0: 1 }],
    ['$or', { $or: [{ a: 1 }, { b: 2 }] }, '`a` = :f0 OR `b` = :f1', { f0: 1, f1: 2 }],
    ['$OR', { $OR: [{ a: 1 }, { b: null }] }, '`a` = :f0 OR `b` IS NULL', { f0: 1 }],
    ['$not filter', { $not: { a: 1 } }, 'NOT (`a` = :f0)', { f0: 1 }],
    ['$NOT filter', { $NOT: { a: 1, b: 2 } }, 'NOT (`a` = :f0 AND `b` = :f1)', { f0: 1, f1: 2 }],
    ['$not under a column', { age: { $not: { $gt: 5 } } }, 'NOT (`age` > :f0)', { f0: 5 }],
    ['$NOT under a column', { age: { $NOT: { $in: [1, 2] } } }, 'NOT (`age` IN (:f0, :f1))', { f0: 1, f1: 2 }],
    ['$or inside AND is parenthesised', { a: 1, $or: [{ b: 2 }, { b: 3 }] }, '`a` = :f0 AND (`b` = :f1 OR `b` = :f2)', { f0: 1, f1: 2, f2: 3 }],
    ['$and inside $or is parenthesised', { $or: [{ a: 1, b: 2 }, { a: 3 }] }, '(`a` = :f0 AND `b` = :f1) OR `a` = :f2', { f0: 1, f1: 2, f2: 3 }],
    ['$and with empty member', { $and: [{}] }, '1 = 1', {}],
    ['mixed case nesting', { $OR: [{ $not: { age: { $LT: 2 } } }, { name: { $like: 'x' } }] }, 'NOT (`age` < :f0) OR `name` LIKE :f1', { f0: 2, f1: 'x' }],
  ];

  it.each(cases)('%s', (_label, filter, where, parameters) => {
    expect(t(filter)).toEqual({ where, parameters });
  });

  it('prefixes columns with a quoted alias', () => {
    expect(t({ name: 'x' }, 'l')).toEqual({ where: '`l`.`name` = :f0', parameters: { f0: 'x' } });
  });

  it('accepts a custom quote function for Postgres', () => {
    expect(translateFilter({ age: { $gt: 1 } }, COLUMNS, 'l', { quote: doubleQuote })).toEqual({
      where: '"l"."age" > :f0',
      parameters: { f0: 1 },
    });
  });

  it('maps bound values through bindValue, knowing their column, without touching the SQL', () => {
    const seen: string[] = [];
    const result = translateFilter({ age: { $not: { $in: [1, 2] } }, name: 'x', $or: [{ status: null }, { createdAt: { $between: ['a', 'b'] } }] }, COLUMNS, undefined, {
      bindValue: (column, value) => {
        seen.push(column);
        return `${column}:${String(value)}`;
      },
    });
    expect(result.where).toBe('NOT (`age` IN (:f0, :f1)) AND `name` = :f2 AND (`status` IS NULL OR `createdAt` BETWEEN :f3 AND :f4)');
    expect(result.parameters).toEqual({ f0: 'age:1', f1: 'age:2', f2: 'name:x', f3: 'createdAt:a', f4: 'createdAt:b' });
    expect(seen).toEqual(['age', 'age', 'name', 'createdAt', 'createdAt']);
  });

  it('accepts exactly 1000 $in values and depth 8', () => {
    expect(Object.keys(t({ tags: { $in: Array.from({ length: 1000 }, (_, i) => i) } }).parameters)).toHaveLength(1000);
    let deep: unknown = { a: 1 };
    for (let i = 0; i < 7; i++) deep = { $not: deep };
    expect(t(deep).where).toBe('NOT (NOT (NOT (NOT (NOT (NOT (NOT (`a` = :f0)))))))');
  });
});

describe('translateFilter rejections', () => {
  let depth9: unknown = { a: 1 };
  for (let i = 0; i < 8; i++) depth9 = { $not: depth9 };

  const rejected: Array<[string, unknown, string]> = [
    ['unknown column', { nope: 1 }, "filter.nope: unknown column 'nope'"],
    ['SQL in a column name', { 'name; DROP TABLE logs; --': 1 }, "filter.name; DROP TABLE logs; --: unknown column 'name; DROP TABLE logs; --'"],
    ['quote in a column name', { 'name`': 1 }, "filter.name`: unknown column 'name`'"],
    ['comment in a column name', { 'a/*': 1 }, "filter.a/*: unknown column 'a/*'"],
    ['__proto__ via JSON.parse', JSON.parse('{"__proto__": 1}'), "filter.__proto__: unknown column '__proto__'"],
    ['constructor', { constructor: 1 }, "filter.constructor: unknown column 'constructor'"],
    ['$where', { $where: 'sleep(1)' }, "filter.$where: unknown operator '$where'"],
    ['$regex', { name: { $regex: '.*' } }, "filter.name.$regex: unknown operator '$regex'"],
    ['mixed-case alias', { age: { $Gt: 1 } }, "filter.age.$Gt: unknown operator '$Gt'"],
    ['non-operator key under a column', { age: { gt: 1 } }, "filter.age.gt: unknown operator 'gt'"],
    ['operator object as $gt value', { name: { $gt: { $ne: 1 } } }, 'filter.name.$gt: expected a non-null scalar (string, number, boolean or ISO date string), got object'],
    ['object as $eq value', { a: { $eq: { $ne: 1 } } }, 'filter.a.$eq: expected a scalar (string, number, boolean, null or ISO date string), got object'],
    ['array as implicit value', { a: [1, 2] }, 'filter.a: expected a scalar (string, number, boolean, null or ISO date string), got array'],
    ['object in $in', { tags: { $in: ['x', { $gt: 1 }] } }, 'filter.tags.$in[1]: expected a non-null scalar (string, number, boolean or ISO date string), got object'],
    ['non-finite number', { age: Infinity }, 'filter.age: expected a scalar (string, number, boolean, null or ISO date string), got Infinity'],
    ['null with $gt', { age: { $gt: null } }, 'filter.age.$gt: expected a non-null scalar (string, number, boolean or ISO date string), got null'],
    ['1001-element $in', { tags: { $in: Array.from({ length: 1001 }, (_, i) => i) } }, 'filter.tags.$in: at most 1000 values, got 1001'],
    ['$in not an array', { tags: { $in: 'a' } }, 'filter.tags.$in: expected an array, got string'],
    ['depth 9', depth9, 'filter: nested deeper than 8 levels'],
    ['$like with a number', { name: { $like: 1 } }, 'filter.name.$like: expected a string, got number'],
    ['$exists with a string', { name: { $exists: 'yes' } }, 'filter.name.$exists: expected a boolean, got string'],
    ['$between with one value', { age: { $between: [1] } }, 'filter.age.$between: expected an array of exactly 2 values, got array'],
    ['empty $or', { $or: [] }, 'filter.$or: expected a non-empty array of filters, got array'],
    ['$and with a scalar', { $and: [1] }, 'filter.$and[0]: expected a filter object, got number'],
    ['unknown column inside $or', { $or: [{ a: 1 }, { zz: 2 }] }, "filter.$or[1].zz: unknown column 'zz'"],
    ['column operator at filter level', { $gt: 1 }, "filter.$gt: operator '$gt' must be used under a column"],
    ['logical operator under a column', { a: { $or: [{ a: 1 }] } }, "filter.a.$or: operator '$or' cannot be used under a column"],
    ['scalar under column $not', { a: { $not: 1 } }, 'filter.a.$not: expected an operator object, got number'],
    ['empty operator object', { a: {} }, 'filter.a: expected at least one operator'],
    ['top-level array', [{ a: 1 }], 'filter: expected a filter object, got array'],
    ['top-level string', "name = 'x' OR 1=1", 'filter: expected a filter object, got string'],
  ];

  it.each(rejected)('%s', (_label, filter, message) => {
    const err = rejection(filter);
    expect(err.message).toBe(message);
    expect(message.startsWith(err.path)).toBe(true);
  });

  it('rejects prototype-ish keys even when the allow-list contains them', () => {
    const risky = new Set(['__proto__', 'constructor', 'prototype']);
    expect(rejection({ prototype: 1 }, risky).message).toBe("filter.prototype: unknown column 'prototype'");
    expect(rejection(JSON.parse('{"__proto__": {"$gt": 1}}'), risky).message).toBe(
      "filter.__proto__: unknown column '__proto__'",
    );
  });

  it('binds injection strings as parameters rather than SQL text', () => {
    const payloads = ["x' OR '1'='1", 'a; DROP TABLE logs', 'a -- comment', 'a /* c */', '`name`', '\\', ':f1'];
    for (const value of payloads) {
      const result = t({ $or: [{ name: value }, { name: { $in: [value] } }, { name: { $like: value } }] });
      expect(result.where).toBe('`name` = :f0 OR `name` IN (:f1) OR `name` LIKE :f2');
      expect(result.parameters).toEqual({ f0: value, f1: value, f2: value });
    }
  });
});

describe('translateFilter with a TypeORM query builder', () => {
  it('keeps values out of the SQL and in the parameter array', () => {
    const dataSource = new DataSource({ type: 'mysql', host: '127.0.0.1' });
    const evil = "x'; DROP TABLE logs; --";
    const { where, parameters } = translateFilter(
      { name: evil, age: { $in: [1, 2] }, status: { $ne: null } },
      COLUMNS,
      'l',
    );
    const [sql, values] = dataSource
      .createQueryBuilder()
      .select('*')
      .from('logs', 'l')
      .where(where, parameters)
      .getQueryAndParameters();
    expect(sql).toBe('SELECT * FROM `logs` `l` WHERE `l`.`name` = ? AND `l`.`age` IN (?, ?) AND `l`.`status` IS NOT NULL');
    expect(sql).not.toContain(evil);
    expect(values).toEqual([evil, 1, 2]);
  });
});

describe('translateFilter properties', () => {
  const stringOps = ['$eq', '$ne', '$gt', '$LTE', '$like', '$in', '$NOT_IN', '$between'] as const;
  const valueFor = (op: (typeof stringOps)[number], s: string): unknown =>
    op === '$in' || op === '$NOT_IN' ? [s, s] : op === '$between' ? [s, s] : s;
  const build = (pairs: Array<[(typeof stringOps)[number], string]>) =>
    ({ $and: pairs.map(([op, s]) => ({ name: { [op]: valueFor(op, s) } })) });

  it('SQL text depends only on the filter shape, never on string values', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...stringOps), fc.string()), { minLength: 1, maxLength: 6 }), (pairs) => {
        const actual = t(build(pairs));
        const template = t(build(pairs.map(([op]) => [op, 'v'])));
        expect(actual.where).toBe(template.where);
        expect(actual.where).toMatch(/^[`a-zA-Z0-9_ :()<>=,]+$/);
        const bound = Object.values(actual.parameters);
        for (const [, s] of pairs) expect(bound).toContain(s);
      }),
    );
  });

  const onlyFilterErrors = (input: unknown) => {
    try {
      const { where, parameters } = t(input);
      expect(typeof where).toBe('string');
      for (const name of where.match(/:f\d+/g) ?? []) expect(parameters).toHaveProperty(name.slice(1));
    } catch (err) {
      expect(err).toBeInstanceOf(FilterError);
    }
  };

  it('throws nothing but FilterError on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), onlyFilterErrors), { numRuns: 500 });
  });

  it('throws nothing but FilterError on filter-shaped JSON', () => {
    const key = fc.constantFrom('name', 'age', 'nope', '__proto__', '$and', '$OR', '$not', '$gt', '$in', '$IS_NULL', '$between', '$where');
    const { node } = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 1 }),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(key, tie('node'), { maxKeys: 3 }),
      ),
    }));
    fc.assert(fc.property(node, onlyFilterErrors), { numRuns: 500 });
  });
});
