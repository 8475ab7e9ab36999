import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { Name } from '../../common/validators/in-order';
import { IsEpochOrIso } from '../../common/validators/is-epoch-or-iso';
import { JOB_STATUSES, JobStatus, Namespace, NAMESPACES } from '../../scheduler/job-status';

/** Query strings carry booleans as text; a body carries them as JSON. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
/** Query strings carry epoch ms as text; a digit-only string is a number. */
const toInstant = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

/** Which jobs an admin list or bulk action applies to; every field narrows the set. */
export class JobFilterDto {
  @ApiPropertyOptional({ enum: JOB_STATUSES })
  @IsOptional()
  @IsIn(JOB_STATUSES)
  status?: JobStatus;

  @ApiPropertyOptional({ enum: NAMESPACES })
  @IsOptional()
  @IsIn(NAMESPACES)
  namespace?: Namespace;

  @ApiPropertyOptional({ example: 'shop' })
  @IsOptional()
  @Name(128)
  product?: string;

  @ApiPropertyOptional({ example: 'prd' })
  @IsOptional()
  @Name(64)
  env?: string;

  @ApiPropertyOptional({ description: 'Only jobs with (true) or without (false) a cron or every schedule.' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  recurring?: boolean;

  @ApiPropertyOptional({ description: 'Created at or after this instant (epoch ms or ISO 8601).' })
  @IsOptional()
  @Transform(toInstant)
  @IsEpochOrIso()
  from?: number | string;

  @ApiPropertyOptional({ description: 'Created before this instant (epoch ms or ISO 8601).' })
  @IsOptional()
  @Transform(toInstant)
  @IsEpochOrIso()
  to?: number | string;
}

/** The fields of `JobFilterDto`, for code that checks whether a filter names anything. */
export const JOB_FILTER_FIELDS = ['status', 'namespace', 'product', 'env', 'recurring', 'from', 'to'] as const;
