import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DispatchResult } from '../../scheduler/dispatch-request';

export class DispatchResultDto implements DispatchResult {
  @ApiProperty({ description: 'UUIDv7 of the job.', example: '019a6b4e-8a3c-7c1e-9f1d-3b2a1c0d4e5f' })
  job_id: string;

  @ApiProperty({ enum: ['scheduled', 'queued'], description: "'queued' when the first run is due now." })
  status: 'scheduled' | 'queued';

  @ApiProperty({ description: 'Epoch ms of the first run.', example: 1_893_456_000_000 })
  scheduled_at: number;

  @ApiProperty({ description: 'Whether cron or every was given.' })
  recurring: boolean;

  @ApiPropertyOptional({ description: 'Epoch ms of the next run, for recurring jobs.' })
  next_run_at?: number;
}
