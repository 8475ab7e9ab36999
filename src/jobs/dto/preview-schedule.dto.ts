import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { ScheduleDto } from '../../common/dto/schedule.dto';
import { IsEpochOrIso } from '../../common/validators/is-epoch-or-iso';

export class PreviewScheduleDto {
  @ApiProperty({ type: ScheduleDto, example: { cron: '30 2 * * *', tz: 'America/New_York' } })
  @IsDefined()
  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule: ScheduleDto;

  @ApiPropertyOptional({ description: 'Instant to count from (epoch ms or ISO 8601); default now.', example: '2027-03-12T00:00:00Z' })
  @IsOptional()
  @IsEpochOrIso()
  from?: number | string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  count?: number;
}

export class RunTimeDto {
  @ApiProperty({ example: '2027-03-14T07:30:00.000Z' }) iso: string;
  @ApiProperty({ example: 1_805_009_400_000 }) epoch_ms: number;
}

export class SchedulePreviewDto {
  @ApiProperty({ type: [RunTimeDto] }) runs: RunTimeDto[];
}
