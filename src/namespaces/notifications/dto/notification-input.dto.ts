import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, ValidateIf, ValidateNested } from 'class-validator';
import { IsRecordOf } from '../../../common/validators/is-record-of';
import { MAX_RECIPIENTS } from '../recipients';
import type { TemplateParams } from '../notification-templates';
import { IsRecipientList } from './is-recipient-list';

/** Optional, but not null: a null channel or params object would reach the executor as a channel to send on. */
const Omittable = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);

/** An optional object of template params, documented with the template it fills. */
const Params = (description: string, example: TemplateParams): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: 'object', additionalProperties: true, description, example }),
    Omittable(),
    IsObject({ message: '$property must be an object of template params' }),
  );

/** A nested channel input: an object validated by its own class. */
const Nested = (type: new () => object, description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type, description }),
    Omittable(),
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Type(() => type),
  );

export class EmailInputDto {
  @ApiProperty({ type: [String], maxItems: MAX_RECIPIENTS, description: 'Addresses; each gets its own message.', example: ['user@example.com'] })
  @IsRecipientList('email')
  recipients: string[];

  @Params("Params of the event's email subject template.", { name: 'Ada' })
  subject?: TemplateParams;

  @Params("Params of the event's email html and text templates.", { when: 'tomorrow at 10:00' })
  template?: TemplateParams;
}

export class PushInputDto {
  @ApiProperty({ type: [String], maxItems: MAX_RECIPIENTS, description: 'Device tokens of the push provider.', example: ['ExponentPushToken[xxxxxxxxxxxxxxxxxxxxxx]'] })
  @IsRecipientList('device_token')
  device_tokens: string[];

  @Params("Params of the event's push title template.", {})
  title?: TemplateParams;

  @Params("Params of the event's push body template.", { when: 'tomorrow' })
  body?: TemplateParams;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Data payload delivered with the push as is (FCM: values sent as strings).', example: { orderId: '42' } })
  @Omittable()
  @IsObject({ message: '$property must be an object' })
  data?: Record<string, unknown>;
}

export class SmsInputDto {
  @ApiProperty({ type: [String], maxItems: MAX_RECIPIENTS, description: 'Phone numbers in E.164 form.', example: ['+15550001234'] })
  @IsRecipientList('phone')
  recipients: string[];

  @Params("Params of the event's SMS body template.", { when: 'tomorrow' })
  body?: TemplateParams;
}

export class CallbackInputDto {
  @ApiPropertyOptional({ description: 'Query string parameters added to the callback URL.', example: { source: 'dispatch' } })
  @IsOptional()
  @IsRecordOf(['string', 'number', 'boolean'])
  query?: Record<string, string | number | boolean>;

  @ApiPropertyOptional({ description: "Values for the callback URL's :name segments.", example: { id: 'user_123' } })
  @IsOptional()
  @IsRecordOf(['string', 'number'])
  params?: Record<string, string | number>;

  @ApiPropertyOptional({ description: 'JSON body of the callback; the signature covers it.', example: { userId: 'user_123' } })
  @IsOptional()
  @IsDefined()
  body?: unknown;

  @ApiPropertyOptional({ description: "Headers sent over the registry's callback headers.", example: { 'x-request-source': 'dispatch' } })
  @IsOptional()
  @IsRecordOf(['string'], 50)
  headers?: Record<string, string>;
}

/** The channels to send on; each named channel must be configured for the notification. */
export class NotificationInputDto {
  @Nested(EmailInputDto, 'Send an email to each recipient.')
  email?: EmailInputDto;

  @Nested(PushInputDto, 'Send a push notification to each device token.')
  push_notification?: PushInputDto;

  @Nested(SmsInputDto, 'Send an SMS to each phone number.')
  sms?: SmsInputDto;

  @Nested(CallbackInputDto, 'Call the configured webhook, signed.')
  callback?: CallbackInputDto;
}
