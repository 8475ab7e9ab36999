import { QueryFailedError } from 'typeorm';
import { NonRetryableError } from '../../../scheduler/retry-policy';
import { boundInTime, sqlFailure } from './statement-runner';

const failed = (driverError: Record<string, unknown>) => new QueryFailedError('SELECT secret', ['value'], Object.assign(new Error(String(driverError.message)), driverError));

describe('sqlFailure', () => {
  it('does not retry data, constraint and syntax errors, on either driver', () => {
    const duplicate = sqlFailure(failed({ message: "Duplicate entry 'a' for key 'PRIMARY'", sqlState: '23000', code: 'ER_DUP_ENTRY' }), 'mysql://u:pw@h/db');
    expect(duplicate).toBeInstanceOf(NonRetryableError);
    expect(duplicate.message).toBe("the database refused the statement (SQLSTATE 23000): Duplicate entry 'a' for key 'PRIMARY'");
    expect(sqlFailure(failed({ message: 'invalid input syntax for type integer', code: '22P02' }), 'postgres://h/db')).toBeInstanceOf(NonRetryableError);
  });

  it('retries deadlocks, lock timeouts and lost connections, without the password', () => {
    expect(sqlFailure(failed({ message: 'Deadlock found', sqlState: '40001' }), 'mysql://h/db')).not.toBeInstanceOf(NonRetryableError);
    expect(sqlFailure(failed({ message: 'Lock wait timeout exceeded', sqlState: 'HY000' }), 'mysql://h/db')).not.toBeInstanceOf(NonRetryableError);
    const lost = sqlFailure(new Error('connect ECONNREFUSED for s3cret'), 'postgres://u:s3cret@h/db');
    expect(lost).not.toBeInstanceOf(NonRetryableError);
    expect(lost.message).toBe('the database did not answer: connect ECONNREFUSED for ***');
  });
});

describe('boundInTime', () => {
  it('gives a MariaDB statement its time limit in seconds, and leaves the others alone', () => {
    expect(boundInTime('DELETE FROM logs WHERE id = ?', { type: 'mariadb', statement_timeout: 1500 })).toBe('SET STATEMENT max_statement_time = 1.5 FOR DELETE FROM logs WHERE id = ?');
    expect(boundInTime('SELECT 1', { type: 'postgres', statement_timeout: 1500 })).toBe('SELECT 1');
    expect(boundInTime('SELECT 1', { type: 'mysql', statement_timeout: 1500 })).toBe('SELECT 1');
  });
});
