export { SessionsModule } from './sessions.module';
export { MAX_SESSION_DATA_BYTES, SessionsService } from './sessions.service';
export type { StartedSession, VerifiedSession } from './sessions.service';
export { SessionCipher } from './session-cipher';
export { InvalidSessionError, SessionCipherError, SessionStoreUnavailableError } from './session-errors';
export type { InvalidSessionReason } from './session-errors';
export { sessionAudience } from './session-tokens';
export type { SessionBinding } from './session-tokens';
