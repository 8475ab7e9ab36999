import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { IsEpochOrIso } from '../validators/is-epoch-or-iso';
import { InOrder } from '../validators/in-order';

/** When a job runs. Cross-field rules (cron xor every, tz only with cron…) are checked by the scheduler. */
export class ScheduleDto {
  @ApiPropertyOptional({ description: 'Epoch ms or ISO 8601; first run not before this. In the past means now.', example: '2030-01-15T10:00:00Z', oneOf: [{ type: 'number' }, { type: 'string', format: 'date-time' }] })
  @IsOptional()
  @IsEpochOrIso()
  start_at?: number | string;

  @ApiPropertyOptional({ description: '5 fields, or 6 with seconds first; names, L, W and # allowed.', example: '0 9 * * MON-FRI' })
  @IsOptional()
  @InOrder(IsString(), MaxLength(255))
  cron?: string;

  @ApiPropertyOptional({ description: 'Interval in ms.', minimum: 1000, example: 86_400_000 })
  @IsOptional()
  @InOrder(IsInt(), Min(1000))
  every?: number;

  @ApiPropertyOptional({ description: 'Maximum number of runs.', minimum: 1, example: 4 })
  @IsOptional()
  @InOrder(IsInt(), Min(1))
  limit?: number;

  @ApiPropertyOptional({ description: 'No run after this (epoch ms or ISO 8601).', oneOf: [{ type: 'number' }, { type: 'string', format: 'date-time' }] })
  @IsOptional()
  @IsEpochOrIso()
  endDate?: number | string;

  @ApiPropertyOptional({ description: 'IANA time zone of the cron expression.', example: 'America/New_York', default: 'UTC' })
  @IsOptional()
  @InOrder(IsString(), MaxLength(64))
  tz?: string;
}
