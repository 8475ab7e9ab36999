import { Injectable } from '@nestjs/common';
import { ResourceRegistry, UnknownResourceError } from '../../resources';
import type { ResolvedBroker } from '../../resources/sections/brokers.section';
import type { ExecutionContext, JobExecutor } from '../../scheduler/executor.interface';
import { NonRetryableError } from '../../scheduler/retry-policy';
import { BrokerConnections } from './broker-connections';
import { buildOutgoingEvent, EventInput, InvalidEventError } from './event-message';
import { errorText, isPermanentBrokerFailure, PublishDetails, redactSecrets, safeUrl, withDeadline } from './publishers';

/** A run's result: which broker took which message, and where the broker put it. */
export type PublishResult = { broker: string; type: ResolvedBroker['type']; event: string; message_id: string } & PublishDetails;

/**
 * Runs an events occurrence: one message published to the broker of the registry (DESIGN §4, brokers),
 * over the connection this process keeps for it. A broker that is down or slow fails the attempt, which
 * is retried; a message the broker refuses for good is not.
 */
@Injectable()
export class EventsExecutor implements JobExecutor<EventInput, PublishResult> {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly connections: BrokerConnections,
  ) {}

  async execute(ctx: ExecutionContext<EventInput>): Promise<PublishResult> {
    const { job } = ctx;
    let broker: ResolvedBroker;
    try {
      broker = this.registry.entry<ResolvedBroker>(job.product, job.env, 'brokers', job.target, 'broker');
    } catch (error) {
      if (error instanceof UnknownResourceError) throw new NonRetryableError(`${error.message} (removed from the registry since dispatch)`);
      throw error;
    }
    let outgoing;
    try {
      outgoing = buildOutgoingEvent(broker.type, job.event, ctx.input, { jobId: job.id, occurrenceId: ctx.occurrenceId });
    } catch (error) {
      if (error instanceof InvalidEventError) throw new NonRetryableError(error.message);
      throw error;
    }
    const name = `${broker.type} broker '${job.target}'`;
    const ref = { product: job.product, env: job.env, name: job.target };

    let connection;
    try {
      connection = await withDeadline(this.connections.acquire(ref, broker), broker.timeout, ctx.signal, 'connecting');
    } catch (error) {
      // A broker that answers but refuses (credentials, an exchange of another type) is not "unreachable".
      const what = isPermanentBrokerFailure(broker, error) ? `${name} at ${safeUrl(broker.url)} cannot be used` : `${name} is unreachable at ${safeUrl(broker.url)}`;
      throw failure(broker, error, what);
    }
    try {
      const details = await withDeadline(connection.publish(outgoing), broker.timeout, ctx.signal, 'the acknowledgement');
      return { broker: job.target, type: broker.type, event: job.event, message_id: ctx.occurrenceId, ...details };
    } catch (error) {
      throw failure(broker, error, `${name} did not take the message for '${job.event}'`);
    }
  }
}

/** The error recorded for the attempt: the client's reason without the URL's secrets, retryable or not. */
function failure(broker: ResolvedBroker, error: unknown, what: string): Error {
  const message = `${what}: ${redactSecrets(errorText(error), broker.url)}`;
  return isPermanentBrokerFailure(broker, error) ? new NonRetryableError(message) : new Error(message);
}
