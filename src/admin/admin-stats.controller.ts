import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminScope } from '../auth/auth.decorators';
import { AdminStatsService } from './admin-stats.service';
import { AdminStatsDto } from './dto/admin-stats.dto';

@ApiTags('admin')
@AdminScope()
@Controller('admin/stats')
export class AdminStatsController {
  constructor(private readonly stats: AdminStatsService) {}

  @Get()
  @ApiOperation({ summary: 'Jobs by status and namespace, queue depth, runs and failures per minute over the last hour, lateness p50/p99.' })
  @ApiOkResponse({ type: AdminStatsDto })
  get(): Promise<AdminStatsDto> {
    return this.stats.stats();
  }
}
