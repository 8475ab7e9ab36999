import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { InOrder, Name } from '../validators/in-order';
import { ScheduleDto } from './schedule.dto';

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
}
