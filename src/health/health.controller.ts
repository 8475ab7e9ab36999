import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { DISPATCH_DATA_SOURCE } from '../database/typeorm-options';
import { QueueHealthIndicator } from './queue-health.indicator';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queue: QueueHealthIndicator,
    @InjectDataSource(DISPATCH_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  @Get()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Liveness and readiness: MySQL answers a ping, Redis answers PING, the occurrence queue can be read. No key needed.' })
  @ApiOkResponse({ description: 'Everything is up: `{ status: "ok", info: { database, redis, queue }, ... }`.' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; `error` says which and why.' })
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('database', { connection: this.dataSource, timeout: 1500 }),
      () => this.queue.redis('redis'),
      () => this.queue.queueReachable('queue'),
    ]);
  }
}
