import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsObject } from 'class-validator';
import { InOrder } from '../../common/validators/in-order';
import { SessionTargetDto } from './session-target.dto';

export class StartSessionDto extends SessionTargetDto {
  @ApiProperty({
    description: "The session's data, read by `$Session{…}` in inputs; checked against the tag's schema when it has one. At most 16 KiB as JSON.",
    example: { user: { email: 'john@example.com', id: 'user_123' } },
    type: 'object',
    additionalProperties: true,
  })
  @InOrder(IsDefined(), IsObject())
  data: Record<string, unknown>;
}

export class SessionTokenDto {
  @ApiProperty({ description: 'The session token (a JWT). Pass it as `session.token` when dispatching; it is not stored by the service.' })
  token: string;

  @ApiProperty({ description: 'Epoch ms after which the token is refused.', example: 1767229200000 })
  expires_at: number;
}
