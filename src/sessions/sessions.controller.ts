import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { SessionTokenDto, StartSessionDto } from './dto/start-session.dto';
import { SessionTokenRequestDto, SessionVerificationDto } from './dto/session-token-request.dto';
import { SessionsService } from './sessions.service';

const NOT_FOUND = 'The product, env or session tag is not in the registry.';
const UNAUTHORIZED = 'The token is invalid, expired, revoked, or was issued for another product, env or tag.';

@ApiTags('sessions')
@Controller('sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Start a session: a token bound to product, env and tag that carries the data for `$Session{…}`.' })
  @ApiCreatedResponse({ type: SessionTokenDto })
  @ApiBadRequestResponse({ description: "A field is malformed, or data does not match the tag's schema (the message names the path)." })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  async start(@Body() body: StartSessionDto): Promise<SessionTokenDto> {
    const session = await this.sessions.start(body.product, body.env, body.tag, body.data);
    return { token: session.token, expires_at: session.expiresAt };
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a token and read its session data.' })
  @ApiOkResponse({ type: SessionVerificationDto })
  @ApiUnauthorizedResponse({ description: UNAUTHORIZED })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiServiceUnavailableResponse({ description: 'Redis, which holds revocations, did not answer.' })
  async verify(@Body() body: SessionTokenRequestDto): Promise<SessionVerificationDto> {
    const session = await this.sessions.verify(body.product, body.env, body.tag, body.token);
    return { valid: true, expires_at: session.expiresAt, data: session.data };
  }

  @Post('revoke')
  @HttpCode(204)
  @ApiOperation({ summary: 'End a session before it expires; the token is refused from then on.' })
  @ApiNoContentResponse({ description: 'Revoked (also when it already was).' })
  @ApiUnauthorizedResponse({ description: 'The token is invalid, expired, or was issued for another product, env or tag.' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiServiceUnavailableResponse({ description: 'Redis, which holds revocations, did not answer.' })
  async revoke(@Body() body: SessionTokenRequestDto): Promise<void> {
    await this.sessions.revoke(body.product, body.env, body.tag, body.token);
  }
}
