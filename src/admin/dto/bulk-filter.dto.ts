import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { JobFilterDto } from './job-filter.dto';

/** A bulk action's filter. An empty filter would touch every job, so it must say `all: true`. */
export class BulkFilterDto extends JobFilterDto {
  @ApiPropertyOptional({ description: 'Required, and true, when no other field is given.' })
  @IsOptional()
  @IsBoolean()
  all?: boolean;
}
