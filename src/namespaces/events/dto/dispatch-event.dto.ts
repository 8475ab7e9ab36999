import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { DispatchOptionsDto } from '../../../common/dto/dispatch-options.dto';
import { InOrder, Name } from '../../../common/validators/in-order';
import { IsRecordOf } from '../../../common/validators/is-record-of';

const NO_SPACE = /^[^\s\x00-\x1f\x7f]+$/;

export class EventInputDto {
  @ApiProperty({
    description: 'The message: a string is sent as UTF-8 text, any other JSON value as JSON.',
    example: { orderId: 'order_456', amount: 99.99 },
  })
  @IsDefined()
  message: unknown;

  @ApiPropertyOptional({ description: 'The message key, sent in the x-dispatch-key header.', maxLength: 255, example: 'order_456' })
  @IsOptional()
  @InOrder(IsString(), IsNotEmpty(), MaxLength(255))
  key?: string;

  @ApiPropertyOptional({
    description: 'Headers (RabbitMQ headers, NATS headers, MQTT user properties, or a `headers` field in Redis). Names starting with x-dispatch- are reserved.',
    example: { 'x-trace-id': 'abc123' },
  })
  @IsOptional()
  @IsRecordOf(['string'], 50)
  headers?: Record<string, string>;
}

export class DispatchEventDto extends DispatchOptionsDto {
  @ApiProperty({ description: 'A broker of the product in the registry.', example: 'orders' })
  @Name(128)
  broker: string;

  @ApiProperty({ description: 'The topic, routing key, subject or stream the message is published on.', maxLength: 255, example: 'order.created' })
  @InOrder(IsNotEmpty(), IsString(), MaxLength(255), Matches(NO_SPACE, { message: '$property must not contain whitespace or control characters' }))
  event: string;

  @ApiProperty({ type: EventInputDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => EventInputDto)
  input: EventInputDto;
}
