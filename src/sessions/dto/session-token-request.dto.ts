import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { InOrder } from '../../common/validators/in-order';
import { SessionTargetDto } from './session-target.dto';

/** The body of `POST /sessions/verify` and `POST /sessions/revoke`. */
export class SessionTokenRequestDto extends SessionTargetDto {
  @ApiProperty({ description: 'A token from `POST /sessions`.', maxLength: 32768 })
  @InOrder(IsNotEmpty(), IsString(), MaxLength(32768))
  token: string;
}

export class SessionVerificationDto {
  @ApiProperty({ enum: [true], description: 'Always true: an unusable token is a 401.' })
  valid: true;

  @ApiProperty({ description: 'Epoch ms after which the token is refused.', example: 1767229200000 })
  expires_at: number;

  @ApiProperty({ description: 'The session data.', type: 'object', additionalProperties: true, example: { user: { email: 'john@example.com' } } })
  data: unknown;
}
