import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ResourceRegistry } from '../../resources';
import type { JobEntity } from '../../scheduler/entities/job.entity';
import { ExecutionContext, getExecutorToken, JobExecutor } from '../../scheduler/executor.interface';
import { NonRetryableError } from '../../scheduler/retry-policy';
import { SchedulerService } from '../../scheduler/scheduler.service';
import { BrokerConnections } from './broker-connections';
import type { EventInput } from './event-message';
import { EventsExecutor } from './events.executor';
import { EventsModule } from './events.module';
import type { BrokerConnection } from './publishers';

const registry = ResourceRegistry.fromObject(
  {
    products: {
      shop: {
        envs: ['prd'],
        brokers: {
          orders: { type: 'rabbitmq', url: 'amqp://guest:pa55word@rabbit:5672', exchange: 'orders', timeout: 50 },
          bus: { type: 'nats', url: 'nats://127.0.0.1:4222', stream: 'EVENTS' },
        },
      },
    },
  },
  {},
);

function context(target: string, event: string, input: EventInput): ExecutionContext<EventInput> {
  const job = { id: 'job-1', product: 'shop', env: 'prd', target, event } as JobEntity;
  return { job, occurrence: 1, occurrenceId: 'job-1:1', attempt: 1, input, signal: new AbortController().signal };
}

describe('EventsExecutor', () => {
  const acquire = jest.fn<Promise<BrokerConnection>, unknown[]>();
  const executor = new EventsExecutor(registry, { acquire } as unknown as BrokerConnections);
  const connection = (publish: BrokerConnection['publish']): BrokerConnection => ({ open: true, publish, close: async () => undefined });
  const failure = async (ctx: ExecutionContext<EventInput>) => executor.execute(ctx).then(() => new Error('expected a failure'), (error: Error) => error);
  beforeEach(() => acquire.mockReset());

  it('publishes over the connection of the broker and env, and reports where the message went', async () => {
    const publish = jest.fn().mockResolvedValue({ exchange: 'orders', routing_key: 'order.created' });
    acquire.mockResolvedValue(connection(publish));
    const result = await executor.execute(context('orders', 'order.created', { message: { id: 1 }, headers: { 'x-a': '1' } }));
    expect(result).toEqual({ broker: 'orders', type: 'rabbitmq', event: 'order.created', message_id: 'job-1:1', exchange: 'orders', routing_key: 'order.created' });
    expect(acquire).toHaveBeenCalledWith({ product: 'shop', env: 'prd', name: 'orders' }, expect.objectContaining({ exchange: 'orders' }));
    expect(publish.mock.calls[0][0]).toMatchObject({ event: 'order.created', messageId: 'job-1:1', headers: { 'x-a': '1', 'x-dispatch-job-id': 'job-1' } });
  });

  it('does not retry a broker removed from the registry, nor an input the broker cannot take', async () => {
    const removed = await failure(context('gone', 'e', { message: 1 }));
    expect(removed).toBeInstanceOf(NonRetryableError);
    expect(removed.message).toBe("Unknown broker 'gone' in product 'shop' (removed from the registry since dispatch)");
    const wildcard = await failure(context('bus', 'orders.>', { message: 1 }));
    expect(wildcard).toBeInstanceOf(NonRetryableError);
    expect(wildcard.message).toBe('event must be a NATS subject without wildcards (* or >)');
    expect(acquire).not.toHaveBeenCalled();
  });

  it('retries a broker it cannot reach, without the password in the error', async () => {
    acquire.mockRejectedValue(new Error('connect to amqp://guest:pa55word@rabbit:5672 failed: ECONNREFUSED'));
    const error = await failure(context('orders', 'order.created', { message: 1 }));
    expect(error).not.toBeInstanceOf(NonRetryableError);
    expect(error.message).toBe("rabbitmq broker 'orders' is unreachable at amqp://rabbit:5672: connect to amqp://rabbit:5672 failed: ECONNREFUSED");
  });

  it('bounds the wait for the acknowledgement by the broker timeout', async () => {
    acquire.mockResolvedValue(connection(() => new Promise(() => undefined)));
    const error = await failure(context('orders', 'order.created', { message: 1 }));
    expect(error.message).toBe("rabbitmq broker 'orders' did not take the message for 'order.created': the acknowledgement timed out after 50 ms");
    expect(error).not.toBeInstanceOf(NonRetryableError);
  });

  it('does not retry what the broker refuses for good', async () => {
    const refused = Object.assign(new Error("PRECONDITION_FAILED - inequivalent arg 'type' for exchange 'orders'"), { code: 406 });
    acquire.mockRejectedValue(refused);
    const error = await failure(context('orders', 'order.created', { message: 1 }));
    expect(error).toBeInstanceOf(NonRetryableError);
    expect(error.message).toBe("rabbitmq broker 'orders' at amqp://rabbit:5672 cannot be used: PRECONDITION_FAILED - inequivalent arg 'type' for exchange 'orders'");
  });
});

describe('EventsModule', () => {
  @Global()
  @Module({ providers: [{ provide: ResourceRegistry, useValue: registry }, { provide: SchedulerService, useValue: {} }], exports: [ResourceRegistry, SchedulerService] })
  class Dependencies {}

  it('provides the built-in executor behind its token', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [Dependencies, EventsModule] }).compile();
    expect(moduleRef.get(getExecutorToken('events'))).toBeInstanceOf(EventsExecutor);
    await moduleRef.close();
  });

  it('lets a host app replace the executor, and then opens no broker connection', async () => {
    const custom: JobExecutor = { execute: async () => ({ sent: 'elsewhere' }) };
    const moduleRef = await Test.createTestingModule({ imports: [Dependencies, EventsModule] })
      .overrideProvider(getExecutorToken('events'))
      .useValue(custom)
      .compile();
    expect(moduleRef.get(getExecutorToken('events'))).toBe(custom);
    expect(moduleRef.get(BrokerConnections).size).toBe(0);
    await moduleRef.close();
  });
});
