import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ScheduleDto } from '../../common/dto/schedule.dto';
import { InOrder } from '../../common/validators/in-order';

export class PauseJobDto {
  @ApiPropertyOptional({ description: 'Why the job is paused; shown on the job until it resumes.', maxLength: 500, example: 'Target under maintenance' })
  @IsOptional()
  @InOrder(IsString(), MaxLength(500))
  note?: string;
}

export class RetryJobDto {
  @ApiPropertyOptional({ description: 'Wait this many ms before the new attempt.', minimum: 0, maximum: 30 * 86_400_000, default: 0 })
  @IsOptional()
  @InOrder(IsInt(), Min(0), Max(30 * 86_400_000))
  delay_ms?: number;
}

export class RescheduleJobDto {
  @ApiProperty({ type: ScheduleDto, description: 'The new schedule, validated as at dispatch.' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule: ScheduleDto;
}

export class BulkResultDto {
  @ApiProperty({ description: 'How many jobs the action changed.' })
  count: number;
}
