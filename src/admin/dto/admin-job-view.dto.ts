import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JobRunPageDto, JobViewDto } from '../../jobs/dto/job-view.dto';

/** A job as operators see it: the client's view plus who dispatched it and why it is paused. */
export class AdminJobViewDto extends JobViewDto {
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Id of the API key that dispatched the job (never the key).' })
  api_key_id: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'The job a triggered run was copied from.' })
  parent_id: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'The note given when the job was paused.' })
  status_note: string | null;
}

export class AdminJobDetailDto extends AdminJobViewDto {
  @ApiProperty({ type: JobRunPageDto, description: 'The first page of its runs; more through GET /jobs/:id/runs.' })
  runs: JobRunPageDto;
}

export class AdminJobPageDto {
  @ApiProperty({ type: [AdminJobViewDto] })
  items: AdminJobViewDto[];

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last.' })
  next_cursor: string | null;
}
