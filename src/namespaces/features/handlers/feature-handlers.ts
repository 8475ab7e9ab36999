import { Injectable } from '@nestjs/common';
import type { FeatureHandlerContext } from './feature-handler.decorator';

/** One discovered handler: which method of which class serves a tag, and how to call it. */
export interface RegisteredFeatureHandler {
  tag: string;
  /** `ClassName.method`, for messages. */
  owner: string;
  run(input: Record<string, unknown>, ctx: FeatureHandlerContext): Promise<unknown>;
}

/** A tag claimed by two handlers: start-up stops, since neither could be chosen safely. */
export class DuplicateFeatureHandlerError extends Error {
  constructor(tag: string, first: string, second: string) {
    super(`Feature tag '${tag}' has two handlers: ${first} and ${second}. Keep @FeatureHandler('${tag}') on one method only.`);
  }
}

/** The feature handlers of this process by tag, filled at start-up by `FeatureHandlerExplorer`. */
@Injectable()
export class FeatureHandlers {
  private readonly byTag = new Map<string, RegisteredFeatureHandler>();

  register(handler: RegisteredFeatureHandler): void {
    const existing = this.byTag.get(handler.tag);
    if (existing) throw new DuplicateFeatureHandlerError(handler.tag, existing.owner, handler.owner);
    this.byTag.set(handler.tag, handler);
  }

  get(tag: string): RegisteredFeatureHandler | undefined {
    return this.byTag.get(tag);
  }

  has(tag: string): boolean {
    return this.byTag.has(tag);
  }

  tags(): string[] {
    return [...this.byTag.keys()];
  }
}
