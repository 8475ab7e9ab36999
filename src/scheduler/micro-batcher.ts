interface Pending<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (reason: unknown) => void;
}

export interface MicroBatcherOptions {
  /** Most items in one flush. */
  maxSize: number;
  /** Flushes in flight at once; items arriving meanwhile wait and make the next batch larger. */
  maxConcurrent: number;
  /**
   * Wait this long before a flush, to gather more items, for work whose caller does not wait on it.
   * @default 0: flush on the next turn of the event loop
   */
  lingerMs?: number;
}

/**
 * Gathers the calls made in the same turn of the event loop into one flush. Under load this turns
 * fifty single-row statements into one fifty-row statement; when idle it adds no wait at all.
 * `flush` must answer one result per item, in order.
 */
export class MicroBatcher<I, O> {
  private queue: Pending<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly flush: (items: I[]) => Promise<O[]>,
    private readonly options: MicroBatcherOptions = { maxSize: 200, maxConcurrent: 4 },
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0 || this.inFlight >= this.options.maxConcurrent) return;
    this.scheduled = true;
    const flush = () => {
      this.scheduled = false;
      this.drain();
    };
    if (this.options.lingerMs) setTimeout(flush, this.options.lingerMs);
    else setImmediate(flush);
  }

  private drain(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxConcurrent) {
      const batch = this.queue.splice(0, this.options.maxSize);
      this.inFlight++;
      void this.run(batch);
    }
  }

  private async run(batch: Pending<I, O>[]): Promise<void> {
    try {
      const results = await this.flush(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i]));
    } catch (error) {
      batch.forEach((p) => p.reject(error));
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }
}
