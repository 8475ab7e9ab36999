import { InvalidRequestError } from '../common/errors/domain-errors';
import { findExpressionProblems, formatExpressionProblem } from '../expressions';
import { ResourceRegistry, UnknownResourceError } from '../resources';
import type { ResolvedCache } from '../resources/sections/caches.section';
import { InvalidSessionError, SessionCipher, SessionsService } from '../sessions';
import type { DispatchRequest } from './dispatch-request';
import { findReference } from './input-references';

/** What a verified session leaves on the job row: its tag and its data, encrypted. Never the token. */
export interface JobSession {
  sessionTag: string;
  sessionData: string;
}

/**
 * The dispatch-time half of expressions, sessions and cache (DESIGN §6), for every namespace: whatever
 * can already be known to fail is refused here, before anything is written. The scheduler calls it only
 * for requests that use one of these features, so plain dispatches pay nothing. A plain class that the
 * scheduler builds from its own dependencies: nothing else needs it.
 */
export class DispatchChecks {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly sessions: SessionsService,
    private readonly cipher: SessionCipher,
  ) {}

  /**
   * A malformed expression is a 400 naming the field and column (`input.body.since, column 5: unknown
   * function $Foo`); so is `$Session{…}` in a job without a session, which would fail at every run.
   */
  checkExpressions(request: DispatchRequest): void {
    const [problem] = findExpressionProblems(request.input, 'input');
    if (problem) throw new InvalidRequestError(problem.path, formatExpressionProblem(problem));
    if (request.session) return;
    const reference = findReference(request.input, 'Session');
    if (reference) {
      const message = `${reference.source} needs a session: dispatch with session: { tag, token }`;
      throw new InvalidRequestError(reference.path, formatExpressionProblem({ ...reference, message }));
    }
  }

  /** The cache tag must be one of the product's `caches`; unlike other names, an unknown one is a 400, as it is an option of the body, not its target. */
  checkCache(product: string, env: string, tag: string): void {
    try {
      this.registry.entry<ResolvedCache>(product, env, 'caches', tag, 'cache');
    } catch (error) {
      if (error instanceof UnknownResourceError && error.kind === 'cache') throw new InvalidRequestError('cache', error.message);
      throw error;
    }
  }

  /**
   * Verifies the token (401 naming `session.token` when invalid, expired, revoked or foreign; 404 naming
   * `session.tag` for a tag the product does not declare) and seals the data for the row.
   */
  async openSession(product: string, env: string, session: NonNullable<DispatchRequest['session']>): Promise<JobSession> {
    this.registry.entry(product, env, 'sessions', session.tag, 'session.tag');
    let data: unknown;
    try {
      ({ data } = await this.sessions.verify(product, env, session.tag, session.token));
    } catch (error) {
      throw error instanceof InvalidSessionError ? error.forField('session.token') : error;
    }
    return { sessionTag: session.tag, sessionData: this.cipher.encrypt(data) };
  }
}
