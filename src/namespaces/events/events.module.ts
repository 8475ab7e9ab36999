import { Module } from '@nestjs/common';
import { builtInExecutor, getExecutorToken } from '../../scheduler/executor.interface';
import { BrokerConnections } from './broker-connections';
import { EventsController } from './events.controller';
import { EventsDispatchService } from './events-dispatch.service';
import { EventsExecutor } from './events.executor';

/**
 * The events namespace: messages published to the brokers of the registry. A host app replaces the
 * executor with `builtInExecutor('events', MyPublisher)`; broker connections are
 * then never opened, since they open on first use.
 */
@Module({
  controllers: [EventsController],
  providers: [EventsDispatchService, BrokerConnections, builtInExecutor('events', EventsExecutor)],
  exports: [EventsDispatchService, getExecutorToken('events')],
})
export class EventsModule {}
