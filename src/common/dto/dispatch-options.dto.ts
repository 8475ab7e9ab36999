import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { InOrder, Name } from '../validators/in-order';
import { ScheduleDto } from './schedule.dto';

/** A session a dispatch runs under (DESIGN §6): its data feeds `$Session{…}` in the input. */
export class DispatchSessionDto {
  @ApiProperty({ description: 'A session type of the product in the registry (`sessions.<tag>`).', example: 'user', maxLength: 128 })
  @Name(128)
  tag: string;

  @ApiProperty({ description: 'A token from `POST /sessions`. Verified at dispatch and never stored: the job keeps the session data, encrypted.', maxLength: 32768 })
  @InOrder(IsNotEmpty(), IsString(), MaxLength(32768))
  token: string;
}

/** Fields every namespace's dispatch body shares (DESIGN §1). */
export abstract class DispatchOptionsDto {
  @ApiProperty({ example: 'prd', maxLength: 64 })
  @Name(64)
  env: string;

  @ApiProperty({ example: 'shop', maxLength: 128 })
  @Name(128)
  product: string;

  @ApiPropertyOptional({ description: 'Retries after the first attempt.', minimum: 0, maximum: 50, default: 0, example: 3 })
  @IsOptional()
  @InOrder(IsInt(), Min(0), Max(50))
  retries?: number;

  @ApiPropertyOptional({ type: ScheduleDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule?: ScheduleDto;

  @ApiPropertyOptional({ type: DispatchSessionDto, description: 'Runs the job with this session\'s data for `$Session{…}`; a bad token is a 401.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DispatchSessionDto)
  session?: DispatchSessionDto;

  @ApiPropertyOptional({
    description: 'A cache tag of the product in the registry (`caches.<tag>`): a run whose resolved input matches one within the tag\'s TTL reuses its result instead of running again.',
    example: 'digest',
    maxLength: 128,
  })
  @IsOptional()
  @Name(128)
  cache?: string;
}
