import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import { DispatchOptionsDto } from '../../../common/dto/dispatch-options.dto';
import { InOrder, Name } from '../../../common/validators/in-order';
import { NotificationInputDto } from './notification-input.dto';

export class DispatchNotificationDto extends DispatchOptionsDto {
  @ApiProperty({ description: 'A notification of the product in the registry.', example: 'user-notifications' })
  @Name(128)
  notification: string;

  @ApiProperty({ description: "An event of the notification: it holds the channels' templates.", example: 'send_reminder' })
  @Name(128)
  event: string;

  @ApiProperty({
    type: NotificationInputDto,
    description: 'The channels to send on, at least one, with their recipients and template params.',
    example: { email: { recipients: ['user@example.com'], subject: { name: 'Ada' }, template: { when: 'tomorrow' } } },
  })
  @InOrder(IsDefined(), IsObject({ message: '$property must be an object' }), ValidateNested())
  @Type(() => NotificationInputDto)
  input: NotificationInputDto;
}
