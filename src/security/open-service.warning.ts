import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ApiKeys } from '../auth/api-keys';

/** Says at start-up, once, that a service without keys is open to anyone who reaches its port. */
@Injectable()
export class OpenServiceWarning implements OnApplicationBootstrap {
  private readonly logger = new Logger('Security');

  constructor(@Inject(ApiKeys) private readonly keys: ApiKeys) {}

  onApplicationBootstrap(): void {
    if (this.keys.open) {
      this.logger.warn('Neither API_KEYS nor ADMIN_API_KEYS is set: every endpoint, admin ones included, is open to anyone who can reach the port');
    }
  }
}
