import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { DispatchOptionsDto } from '../../../common/dto/dispatch-options.dto';
import { Name } from '../../../common/validators/in-order';
import { IsRecordOf } from '../../../common/validators/is-record-of';

export class ActionInputDto {
  @ApiPropertyOptional({ description: 'JSON body sent to the app.', example: { userId: 'user_123', email: 'john@example.com' } })
  @IsOptional()
  @IsDefined()
  body?: unknown;

  @ApiPropertyOptional({ description: 'Query string parameters.', example: { lang: 'en' } })
  @IsOptional()
  @IsRecordOf(['string', 'number', 'boolean'])
  query?: Record<string, string | number | boolean>;

  @ApiPropertyOptional({ description: "Values for the action path's :name segments.", example: { id: 'user_123' } })
  @IsOptional()
  @IsRecordOf(['string', 'number'])
  params?: Record<string, string | number>;

  @ApiPropertyOptional({ description: "Headers sent over the app's own headers.", example: { 'x-request-source': 'dispatch' } })
  @IsOptional()
  @IsRecordOf(['string'], 50)
  headers?: Record<string, string>;
}

export class DispatchActionDto extends DispatchOptionsDto {
  @ApiProperty({ description: 'An app of the product in the registry.', example: 'mailer' })
  @Name(128)
  app: string;

  @ApiProperty({ description: 'An action of the app.', example: 'send_welcome_email' })
  @Name(128)
  event: string;

  @ApiPropertyOptional({ type: ActionInputDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ActionInputDto)
  input?: ActionInputDto;
}
