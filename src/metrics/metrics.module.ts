import { Global, Module } from '@nestjs/common';
import { DispatchMetrics } from './dispatch-metrics';
import { MetricsController } from './metrics.controller';
import { QueueDepthCollector } from './queue-depth.collector';

/** `DispatchMetrics`, injectable everywhere (the dispatch path, the processor); one per app instance. */
@Global()
@Module({
  providers: [DispatchMetrics],
  exports: [DispatchMetrics],
})
export class MetricsModule {}

/** `GET /metrics` and the queue depth read at scrape time: HTTP processes only. */
@Module({
  controllers: [MetricsController],
  providers: [QueueDepthCollector],
})
export class MetricsHttpModule {}
