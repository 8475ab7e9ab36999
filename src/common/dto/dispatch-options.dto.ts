import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ScheduleDto } from './schedule.dto';

const NAME = /^[A-Za-z0-9_.:-]+$/;

/** Fields every namespace's dispatch body shares (DESIGN §1). */
export abstract class DispatchOptionsDto {
  @ApiProperty({ example: 'prd', maxLength: 64 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  @Matches(NAME, { message: '$property may hold letters, digits, _ . : - only' })
  env: string;

  @ApiProperty({ example: 'shop', maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  @Matches(NAME, { message: '$property may hold letters, digits, _ . : - only' })
  product: string;

  @ApiPropertyOptional({ description: 'Retries after the first attempt.', minimum: 0, maximum: 50, default: 0, example: 3 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(50)
  retries?: number;

  @ApiPropertyOptional({ type: ScheduleDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule?: ScheduleDto;
}

/** A resource or event name from the registry. */
export const ResourceName = (): PropertyDecorator =>
  applyDecorators(IsString(), IsNotEmpty(), MaxLength(128), Matches(NAME, { message: '$property may hold letters, digits, _ . : - only' }));
