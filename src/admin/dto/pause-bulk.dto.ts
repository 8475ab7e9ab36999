import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { InOrder } from '../../common/validators/in-order';
import { BulkFilterDto } from './bulk-filter.dto';

export class PauseBulkDto extends BulkFilterDto {
  @ApiPropertyOptional({ description: 'Why the jobs are paused; shown on each until it resumes.', maxLength: 500 })
  @IsOptional()
  @InOrder(IsString(), MaxLength(500))
  note?: string;
}
