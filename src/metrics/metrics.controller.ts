import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
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
  async scrape(@Res() res: Response): Promise<void> {
    const { contentType, body } = await this.metrics.scrape();
    res.type(contentType).send(body);
  }
}
