import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JOB_STATUSES, JobStatus, RUN_STATUSES, RunStatus } from '../../scheduler/job-status';

export class JobViewDto {
  @ApiProperty() id: string;
  @ApiProperty() namespace: string;
  @ApiProperty() env: string;
  @ApiProperty() product: string;
  @ApiProperty({ description: 'The app, broker, database… acted on.' }) target: string;
  @ApiProperty({ description: 'The event, operation or feature tag.' }) event: string;
  @ApiProperty({ enum: JOB_STATUSES }) status: JobStatus;
  @ApiProperty({ description: 'The normalised schedule, instants in epoch ms.' }) schedule: Record<string, unknown>;
  @ApiProperty() recurring: boolean;
  @ApiProperty() retries: number;
  @ApiProperty({ description: 'Occurrences started so far.' }) run_count: number;
  @ApiProperty({ description: 'Occurrences that failed with no retry left.' }) failure_count: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) next_run_at: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) last_run_at: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) last_error: string | null;
  @ApiProperty({ type: [Number], description: 'The next five run times (epoch ms).' }) upcoming_runs: number[];
  @ApiProperty() created_at: number;
  @ApiProperty() updated_at: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) cancelled_at: number | null;
}

export class JobRunViewDto {
  @ApiProperty() id: string;
  @ApiProperty() occurrence: number;
  @ApiProperty({ description: '0 for a record of skipped occurrences.' }) attempt: number;
  @ApiProperty({ enum: RUN_STATUSES }) status: RunStatus;
  @ApiProperty() will_retry: boolean;
  @ApiProperty() started_at: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) finished_at: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) duration_ms: number | null;
  @ApiPropertyOptional({ nullable: true }) result: unknown;
  @ApiPropertyOptional({ nullable: true, type: String }) error: string | null;
}

export class JobRunPageDto {
  @ApiProperty({ type: [JobRunViewDto] }) items: JobRunViewDto[];
  @ApiPropertyOptional({ nullable: true, type: String }) next_cursor: string | null;
}
