import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { previewSchedule } from '../scheduler/schedule';
import { PreviewScheduleDto, SchedulePreviewDto } from './dto/preview-schedule.dto';

@ApiTags('schedules')
@Controller('schedules')
export class SchedulesController {
  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'The next run times of a schedule from an instant, to see what a cron in a zone will do.' })
  @ApiOkResponse({ type: SchedulePreviewDto })
  @ApiBadRequestResponse({ description: 'The schedule is invalid; the body names the field.' })
  preview(@Body() dto: PreviewScheduleDto): SchedulePreviewDto {
    // null counts as absent, as in a schedule.
    const from = dto.from == null ? Date.now() : typeof dto.from === 'number' ? dto.from : Date.parse(dto.from);
    const runs = previewSchedule({ ...dto.schedule }, from, dto.count ?? 10);
    return { runs: runs.map((at) => ({ iso: new Date(at).toISOString(), epoch_ms: at })) };
  }
}
