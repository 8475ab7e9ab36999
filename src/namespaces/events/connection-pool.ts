/** What the pool needs of a connection. */
export interface PooledConnection {
  readonly open: boolean;
  close(): Promise<void>;
}

/**
 * Connections by key, opened on first use and shared afterwards. Concurrent callers wait on the same
 * opening; a failed opening is forgotten so that the next caller tries again; a connection that dropped
 * is replaced. After `closeAll`, nothing opens, and an opening still under way is closed when it lands.
 */
export class ConnectionPool<C extends PooledConnection> {
  private readonly entries = new Map<string, Promise<C>>();
  private closed = false;

  get size(): number {
    return this.entries.size;
  }

  acquire(key: string, open: () => Promise<C>): Promise<C> {
    if (this.closed) return Promise.reject(new Error('connections are closed: the service is shutting down'));
    const existing = this.entries.get(key);
    if (!existing) return this.create(key, open);
    return existing.then((connection) => {
      if (connection.open) return connection;
      // Dropped: replace it once. A replacement that is not open either fails its own publish.
      if (this.entries.get(key) === existing) {
        this.entries.delete(key);
        connection.close().catch(() => undefined);
      }
      if (this.closed) throw new Error('connections are closed: the service is shutting down');
      return this.entries.get(key) ?? this.create(key, open);
    });
  }

  /** Closes every connection, waiting at most `timeoutMs` for each; returns the keys that failed to close. */
  async closeAll(timeoutMs: number): Promise<Array<{ key: string; error: unknown }>> {
    this.closed = true;
    const entries = [...this.entries];
    this.entries.clear();
    const failures: Array<{ key: string; error: unknown }> = [];
    await Promise.all(
      entries.map(async ([key, pending]) => {
        // Closing goes on past the timeout, so an opening that lands late is still closed.
        const closing = pending.then((connection) => connection.close(), () => undefined);
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`did not close within ${timeoutMs} ms`)), timeoutMs);
        });
        try {
          await Promise.race([closing, timeout]);
        } catch (error) {
          failures.push({ key, error });
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    return failures;
  }

  private create(key: string, open: () => Promise<C>): Promise<C> {
    const pending = open();
    this.entries.set(key, pending);
    pending.catch(() => {
      if (this.entries.get(key) === pending) this.entries.delete(key);
    });
    return pending;
  }
}
