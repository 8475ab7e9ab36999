import { Controller, Delete, Get, Param, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JobRunPageDto, JobViewDto } from './dto/job-view.dto';
import { ListRunsQuery } from './dto/list-runs.query';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get(':id')
  @ApiOperation({ summary: 'A job: status, schedule, counts, last error and the next five run times.' })
  @ApiOkResponse({ type: JobViewDto })
  @ApiNotFoundResponse({ description: 'No job has this id.' })
  get(@Param('id') id: string): Promise<JobViewDto> {
    return this.jobs.get(id);
  }

  @Get(':id/runs')
  @ApiOperation({ summary: "A job's attempts, oldest first, with cursor pagination." })
  @ApiOkResponse({ type: JobRunPageDto })
  @ApiNotFoundResponse({ description: 'No job has this id.' })
  runs(@Param('id') id: string, @Query() query: ListRunsQuery): Promise<JobRunPageDto> {
    return this.jobs.runs(id, query.limit, query.cursor);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Cancel a job: no further occurrence runs.' })
  @ApiOkResponse({ type: JobViewDto })
  @ApiNotFoundResponse({ description: 'No job has this id.' })
  @ApiConflictResponse({ description: 'The job already completed, failed or was cancelled.' })
  cancel(@Param('id') id: string): Promise<JobViewDto> {
    return this.jobs.cancel(id);
  }
}
