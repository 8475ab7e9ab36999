import { dataSourceOptions, redactPassword } from './data-source-options';

describe('dataSourceOptions', () => {
  it('takes the URL apart for MariaDB, with UTC dates and no synchronize', () => {
    expect(dataSourceOptions({ type: 'mariadb', url: 'mariadb://app:p%40ss@db.internal:3307/logs', pool_size: 4, statement_timeout: 600_000 }, 'shop/prd/logs')).toMatchObject({
      type: 'mariadb',
      host: 'db.internal',
      port: 3307,
      username: 'app',
      password: 'p@ss',
      database: 'logs',
      poolSize: 4,
      synchronize: false,
      migrationsRun: false,
      entities: [],
      timezone: 'Z',
    });
  });

  it('maps postgresql: URLs to the postgres driver, with the statement timeout on each connection', () => {
    expect(dataSourceOptions({ type: 'postgres', url: 'postgresql://postgres@127.0.0.1/app', pool_size: 10, statement_timeout: 30_000 }, 'shop/prd/pg')).toMatchObject({
      type: 'postgres',
      host: '127.0.0.1',
      port: undefined,
      username: 'postgres',
      password: undefined,
      database: 'app',
      applicationName: 'dispatch:shop/prd/pg',
      synchronize: false,
      extra: { statement_timeout: 30_000 },
    });
  });
});

describe('redactPassword', () => {
  it('removes the password, encoded or not, and leaves other text alone', () => {
    expect(redactPassword('auth failed for p@ss and p%40ss', 'mysql://u:p%40ss@h/db')).toBe('auth failed for *** and ***');
    expect(redactPassword('no secret here', 'mysql://u@h/db')).toBe('no secret here');
    expect(redactPassword('text', 'not a url')).toBe('text');
  });
});
