import { Global, Module } from '@nestjs/common';
import { SessionCipher } from './session-cipher';
import { SessionRevocations } from './session-revocations';
import { SessionSchemas } from './session-schemas';
import { SessionTokens } from './session-tokens';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

/**
 * Session tokens (`POST /sessions`, `/sessions/verify`, `/sessions/revoke`). Global so that the
 * dispatch path can verify a dispatch's `session` with `SessionsService.verify` and keep its data
 * with `SessionCipher` without every namespace module importing this one. Needs the core module
 * (configuration, the registry and the queue's Redis).
 */
@Global()
@Module({
  controllers: [SessionsController],
  providers: [SessionsService, SessionSchemas, SessionTokens, SessionCipher, SessionRevocations],
  exports: [SessionsService, SessionCipher],
})
export class SessionsModule {}
