import { InvalidRequestError } from '../common/errors/domain-errors';
import { filterNamesAnything, jobFilterWhere } from './job-filter';

describe('jobFilterWhere', () => {
  it('is always true for an empty filter', () => {
    expect(jobFilterWhere({})).toEqual({ sql: '1 = 1', params: [] });
  });

  it('binds every value as a parameter, never in the text', () => {
    const where = jobFilterWhere({ status: 'failed', namespace: 'actions', product: "x' OR 1=1 --", env: 'prd', recurring: false });
    expect(where.sql).toBe('status = ? AND namespace = ? AND product = ? AND env = ? AND recurring = ?');
    expect(where.params).toEqual(['failed', 'actions', "x' OR 1=1 --", 'prd', 0]);
  });

  it('reads from and to as epoch ms or ISO 8601, to exclusive', () => {
    const where = jobFilterWhere({ from: 1_000, to: '2030-01-01T00:00:00Z' });
    expect(where.sql).toBe('created_at >= ? AND created_at < ?');
    expect(where.params).toEqual([new Date(1_000), new Date('2030-01-01T00:00:00Z')]);
  });

  it('refuses a range that ends before it starts, naming `to`', () => {
    expect(() => jobFilterWhere({ from: 2_000, to: 1_000 })).toThrow(InvalidRequestError);
    expect(() => jobFilterWhere({ from: 2_000, to: 1_000 })).toThrow('to must be after from');
  });
});

describe('filterNamesAnything', () => {
  it('is false for an empty filter and true for any field, false included', () => {
    expect(filterNamesAnything({})).toBe(false);
    expect(filterNamesAnything({ recurring: false })).toBe(true);
    expect(filterNamesAnything({ env: 'dev' })).toBe(true);
  });
});
