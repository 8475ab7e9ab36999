import { Controller, Delete, Get, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JobIdParam } from '../common/decorators/job-id-param.decorator';
import { CurrentCaller } from '../auth/auth.decorators';
import type { Caller } from '../auth/caller';
import { JobRunPageDto, JobViewDto } from './dto/job-view.dto';
import { ListRunsQuery } from './dto/list-runs.query';
import { JobsService } from './jobs.service';

const NOT_FOUND = 'No job has this id, or another API key dispatched it (a dispatch key sees only its own jobs).';

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get(':id')
  @ApiOperation({ summary: 'A job: status, schedule, counts, last error and the next five run times.' })
  @ApiOkResponse({ type: JobViewDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  get(@JobIdParam() id: string, @CurrentCaller() caller?: Caller): Promise<JobViewDto> {
    return this.jobs.get(id, caller);
  }

  @Get(':id/runs')
  @ApiOperation({ summary: "A job's attempts, oldest first, with cursor pagination." })
  @ApiOkResponse({ type: JobRunPageDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  runs(@JobIdParam() id: string, @Query() query: ListRunsQuery, @CurrentCaller() caller?: Caller): Promise<JobRunPageDto> {
    return this.jobs.runs(id, query.limit, query.cursor, caller);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Cancel a job: no further occurrence runs.' })
  @ApiOkResponse({ type: JobViewDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'The job already completed, failed or was cancelled.' })
  cancel(@JobIdParam() id: string, @CurrentCaller() caller?: Caller): Promise<JobViewDto> {
    return this.jobs.cancel(id, caller);
  }
}
