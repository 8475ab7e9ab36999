import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JobIdParam } from '../common/decorators/job-id-param.decorator';
import { AdminScope } from '../auth/auth.decorators';
import { AdminJobViewDto } from './dto/admin-job-view.dto';
import { PauseJobDto, RescheduleJobDto, RetryJobDto } from './dto/job-actions.dto';
import { JobControlsService } from './job-controls.service';

const NOT_FOUND = 'No job has this id.';
const CONFLICT = 'The job is in a status that does not allow this action (the message says which).';

/** Operator actions on one job. */
@ApiTags('admin')
@AdminScope()
@ApiNotFoundResponse({ description: NOT_FOUND })
@Controller('admin/jobs/:id')
export class AdminJobController {
  constructor(private readonly controls: JobControlsService) {}

  @Post('cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel the job: no further occurrence runs.' })
  @ApiOkResponse({ type: AdminJobViewDto })
  @ApiConflictResponse({ description: CONFLICT })
  cancel(@JobIdParam() id: string): Promise<AdminJobViewDto> {
    return this.controls.cancel(id);
  }

  @Post('pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause a waiting job, with an optional note; nothing runs until it is resumed.' })
  @ApiOkResponse({ type: AdminJobViewDto })
  @ApiConflictResponse({ description: CONFLICT })
  pause(@JobIdParam() id: string, @Body() body: PauseJobDto): Promise<AdminJobViewDto> {
    return this.controls.pause(id, body.note);
  }

  @Post('resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a paused job; its next run is computed from now.' })
  @ApiOkResponse({ type: AdminJobViewDto })
  @ApiConflictResponse({ description: CONFLICT })
  resume(@JobIdParam() id: string): Promise<AdminJobViewDto> {
    return this.controls.resume(id);
  }

  @Post('retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run a failed job once more, now or after delay_ms.' })
  @ApiOkResponse({ type: AdminJobViewDto })
  @ApiConflictResponse({ description: CONFLICT })
  retry(@JobIdParam() id: string, @Body() body: RetryJobDto): Promise<AdminJobViewDto> {
    return this.controls.retry(id, body.delay_ms);
  }

  @Post('trigger')
  @ApiOperation({ summary: 'Run the job once now, outside its schedule and its limit: a one-off copy whose parent_id is this job.' })
  @ApiCreatedResponse({ type: AdminJobViewDto, description: 'The one-off copy that runs now.' })
  trigger(@JobIdParam() id: string): Promise<AdminJobViewDto> {
    return this.controls.trigger(id);
  }

  @Post('reschedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give a job that has not finished a new schedule, validated as at dispatch. The limit counts all runs of the job.' })
  @ApiOkResponse({ type: AdminJobViewDto })
  @ApiBadRequestResponse({ description: 'The schedule breaks a rule; the message names the field.' })
  @ApiConflictResponse({ description: CONFLICT })
  reschedule(@JobIdParam() id: string, @Body() body: RescheduleJobDto): Promise<AdminJobViewDto> {
    return this.controls.reschedule(id, body.schedule);
  }
}
