import { RunSlots } from './run-slots';

describe('RunSlots', () => {
  it('lets as many holders in as it has slots, then queues the rest in order', async () => {
    const slots = new RunSlots(2);
    const order: number[] = [];
    await slots.acquire();
    await slots.acquire();
    const third = slots.acquire().then(() => order.push(3));
    const fourth = slots.acquire().then(() => order.push(4));
    await Promise.resolve();
    expect(order).toEqual([]);
    slots.release();
    await third;
    expect(order).toEqual([3]);
    slots.release();
    await fourth;
    expect(order).toEqual([3, 4]);
  });

  it('frees a slot that nobody waits for', async () => {
    const slots = new RunSlots(1);
    await slots.acquire();
    slots.release();
    let held = false;
    await slots.acquire().then(() => (held = true));
    expect(held).toBe(true);
  });
});
