import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { AdminScope } from '../auth/auth.decorators';
import { DispatchMetrics } from './dispatch-metrics';

@ApiTags('operations')
@AdminScope()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: DispatchMetrics) {}

  @Get()
  @ApiOperation({ summary: 'Prometheus metrics: jobs dispatched, runs by outcome, run duration and lateness, queue depth (admin key).' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format.', schema: { type: 'string' } })
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  async scrape(): Promise<string> {
    return (await this.metrics.scrape()).body;
  }
}
