import { ConnectionPool, PooledConnection } from './connection-pool';

class FakeConnection implements PooledConnection {
  open = true;
  closes = 0;
  constructor(readonly id: number) {}
  async close(): Promise<void> {
    this.closes += 1;
    this.open = false;
  }
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('ConnectionPool', () => {
  let opened: FakeConnection[];
  const opener = () => async () => {
    const connection = new FakeConnection(opened.length + 1);
    opened.push(connection);
    return connection;
  };
  beforeEach(() => (opened = []));

  it('opens once per key, shares the opening with concurrent callers and reuses the connection', async () => {
    const pool = new ConnectionPool<FakeConnection>();
    const open = jest.fn(opener());
    const [a, b] = await Promise.all([pool.acquire('k', open), pool.acquire('k', open)]);
    const c = await pool.acquire('k', open);
    expect(open).toHaveBeenCalledTimes(1);
    expect(a).toBe(b);
    expect(c).toBe(a);
    const other = await pool.acquire('other', open);
    expect(other).not.toBe(a);
    expect(pool.size).toBe(2);
  });

  it('fails every caller of a failed opening once, and tries again on the next call', async () => {
    const pool = new ConnectionPool<FakeConnection>();
    const first = deferred<FakeConnection>();
    const open = jest.fn().mockReturnValueOnce(first.promise).mockImplementation(opener());
    const waiting = [pool.acquire('k', open), pool.acquire('k', open)];
    first.reject(new Error('ECONNREFUSED'));
    for (const result of await Promise.allSettled(waiting)) expect(result).toMatchObject({ status: 'rejected', reason: { message: 'ECONNREFUSED' } });
    expect(open).toHaveBeenCalledTimes(1);
    expect(pool.size).toBe(0);
    await expect(pool.acquire('k', open)).resolves.toMatchObject({ id: 1 });
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('replaces a connection that dropped, closing the old one', async () => {
    const pool = new ConnectionPool<FakeConnection>();
    const open = opener();
    const first = await pool.acquire('k', open);
    first.open = false;
    const [second, third] = await Promise.all([pool.acquire('k', open), pool.acquire('k', open)]);
    expect(second).not.toBe(first);
    expect(third).toBe(second);
    expect(first.closes).toBe(1);
    expect(opened).toHaveLength(2);
  });

  it('closes every connection on closeAll, then refuses to open', async () => {
    const pool = new ConnectionPool<FakeConnection>();
    const a = await pool.acquire('a', opener());
    const b = await pool.acquire('b', opener());
    expect(await pool.closeAll(1000)).toEqual([]);
    expect([a.closes, b.closes]).toEqual([1, 1]);
    expect(pool.size).toBe(0);
    await expect(pool.acquire('a', opener())).rejects.toThrow('connections are closed: the service is shutting down');
  });

  it('closes an opening that lands after closeAll gave up waiting, and reports the slow one', async () => {
    const pool = new ConnectionPool<FakeConnection>();
    const slow = deferred<FakeConnection>();
    void pool.acquire('slow', () => slow.promise).catch(() => undefined);
    const failures = await pool.closeAll(20);
    expect(failures).toEqual([{ key: 'slow', error: new Error('did not close within 20 ms') }]);
    const late = new FakeConnection(9);
    slow.resolve(late);
    await new Promise((resolve) => setImmediate(resolve));
    expect(late.closes).toBe(1);
  });

  it('reports a connection whose close fails, and still closes the others', async () => {
    const pool = new ConnectionPool<FakeConnection>();
    const bad = await pool.acquire('bad', opener());
    bad.close = () => Promise.reject(new Error('socket hang up'));
    const good = await pool.acquire('good', opener());
    expect(await pool.closeAll(1000)).toEqual([{ key: 'bad', error: new Error('socket hang up') }]);
    expect(good.closes).toBe(1);
  });
});
