import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JobIdParam } from '../common/decorators/job-id-param.decorator';
import { AdminScope } from '../auth/auth.decorators';
import { AdminJobsService } from './admin-jobs.service';
import { BulkControlsService } from './bulk-controls.service';
import { AdminJobDetailDto, AdminJobPageDto } from './dto/admin-job-view.dto';
import { BulkFilterDto } from './dto/bulk-filter.dto';
import { BulkResultDto } from './dto/job-actions.dto';
import { ListJobsQuery } from './dto/list-jobs.query';
import { PauseBulkDto } from './dto/pause-bulk.dto';

/** Listing, pruning and bulk actions over jobs; actions on one job are in `AdminJobController`. */
@ApiTags('admin')
@AdminScope()
@Controller('admin/jobs')
export class AdminJobsController {
  constructor(
    private readonly jobs: AdminJobsService,
    private readonly bulk: BulkControlsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Jobs, newest first, filtered, with cursor pagination.' })
  @ApiOkResponse({ type: AdminJobPageDto })
  @ApiBadRequestResponse({ description: 'A filter field or the cursor is malformed.' })
  list(@Query() query: ListJobsQuery): Promise<AdminJobPageDto> {
    const { limit, cursor, ...filter } = query;
    return this.jobs.list(filter, limit, cursor);
  }

  @Delete()
  @ApiOperation({ summary: 'Delete finished jobs (completed, failed, cancelled) matching the filter, with their runs.' })
  @ApiOkResponse({ type: BulkResultDto })
  @ApiBadRequestResponse({ description: 'No filter field and no all=true, or a status that is not finished.' })
  async deleteFinished(@Query() filter: BulkFilterDto): Promise<BulkResultDto> {
    return { count: await this.jobs.deleteFinished(filter) };
  }

  @Post('cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel every job the filter matches that can still run.' })
  @ApiOkResponse({ type: BulkResultDto })
  async cancelMany(@Body() filter: BulkFilterDto): Promise<BulkResultDto> {
    return { count: await this.bulk.apply('cancel', filter) };
  }

  @Post('pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause every waiting job the filter matches.' })
  @ApiOkResponse({ type: BulkResultDto })
  async pauseMany(@Body() body: PauseBulkDto): Promise<BulkResultDto> {
    const { note, ...filter } = body;
    return { count: await this.bulk.apply('pause', filter, note) };
  }

  @Post('resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume every paused job the filter matches, each from now.' })
  @ApiOkResponse({ type: BulkResultDto })
  async resumeMany(@Body() filter: BulkFilterDto): Promise<BulkResultDto> {
    return { count: await this.bulk.apply('resume', filter) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One job with its first page of runs.' })
  @ApiOkResponse({ type: AdminJobDetailDto })
  @ApiNotFoundResponse({ description: 'No job has this id.' })
  get(@JobIdParam() id: string): Promise<AdminJobDetailDto> {
    return this.jobs.get(id);
  }
}
