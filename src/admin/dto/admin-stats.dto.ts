import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class MinuteRunsDto {
  @ApiProperty({ description: 'Start of the minute, epoch ms.' }) minute: number;
  @ApiProperty() runs: number;
  @ApiProperty() failures: number;
}

export class QueueDepthDto {
  @ApiProperty() waiting: number;
  @ApiProperty() active: number;
  @ApiProperty() delayed: number;
}

export class LatenessDto {
  @ApiProperty({ description: 'Runs measured: first attempts of the last hour.' }) samples: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) p50_ms: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) p99_ms: number | null;
}

export class AdminStatsDto {
  @ApiProperty({ description: 'Jobs by status.', example: { scheduled: 12, completed: 340 } })
  by_status: Record<string, number>;

  @ApiProperty({ description: 'Jobs by namespace, then status.', example: { actions: { scheduled: 3, completed: 40 } } })
  by_namespace: Record<string, Record<string, number>>;

  @ApiProperty({ type: QueueDepthDto, description: 'Occurrences in Redis.' })
  queue: QueueDepthDto;

  @ApiProperty({ type: [MinuteRunsDto], description: 'Runs and failures per minute over the last hour (minutes without runs left out).' })
  runs_per_minute: MinuteRunsDto[];

  @ApiProperty({ type: LatenessDto, description: 'How late occurrences started over the last hour.' })
  lateness: LatenessDto;
}
