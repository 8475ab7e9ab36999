import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';
import { DispatchOptionsDto } from '../../../common/dto/dispatch-options.dto';
import { Name } from '../../../common/validators/in-order';

export class DispatchFeatureDto extends DispatchOptionsDto {
  @ApiProperty({
    description: "A feature of the product in the registry, or a tag served by the host app's @FeatureHandler.",
    example: 'generate_daily_report',
    maxLength: 128,
  })
  @Name(128)
  tag: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "The feature's input: steps read it with $Input{…}; a handler receives it as its first argument.",
    example: { userId: 'user_123', email: 'john@example.com' },
    default: {},
  })
  @IsOptional()
  @IsObject({ message: '$property must be an object' })
  input?: Record<string, unknown>;
}
