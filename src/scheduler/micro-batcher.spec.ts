import { MicroBatcher } from './micro-batcher';

describe('MicroBatcher', () => {
  it('flushes calls made in the same tick together and answers each in order', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>(async (items) => {
      batches.push(items);
      return items.map((n) => n * 2);
    });
    const results = await Promise.all([1, 2, 3].map((n) => batcher.submit(n)));
    expect(results).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('splits at maxSize', async () => {
    const sizes: number[] = [];
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        sizes.push(items.length);
        return items;
      },
      { maxSize: 2, maxConcurrent: 10 },
    );
    await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.submit(n)));
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('holds items while maxConcurrent flushes are running, then sends them as one batch', async () => {
    const sizes: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        sizes.push(items.length);
        if (sizes.length === 1) await gate;
        return items;
      },
      { maxSize: 100, maxConcurrent: 1 },
    );
    const first = batcher.submit(0);
    await new Promise((r) => setImmediate(r));
    const rest = [1, 2, 3].map((n) => batcher.submit(n));
    await new Promise((r) => setImmediate(r));
    expect(sizes).toEqual([1]);
    release();
    await Promise.all([first, ...rest]);
    expect(sizes).toEqual([1, 3]);
  });

  it('rejects every item of a failed flush and keeps working', async () => {
    let fail = true;
    const batcher = new MicroBatcher<number, number>(async (items) => {
      if (fail) throw new Error('down');
      return items;
    });
    await expect(Promise.all([batcher.submit(1), batcher.submit(2)])).rejects.toThrow('down');
    fail = false;
    await expect(batcher.submit(3)).resolves.toBe(3);
  });
});
