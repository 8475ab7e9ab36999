import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { QueueHealthIndicator } from './queue-health.indicator';

/** `GET /health`, public, for load balancers and orchestrators. */
@Module({
  // Failing checks are in the 503 body; terminus' own error log would repeat them on every probe.
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [QueueHealthIndicator],
})
export class HealthModule {}
