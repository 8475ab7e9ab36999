import { CompiledInput, compileInput, ExpressionError, formatExpressionProblem, hasExpressions } from '../expressions';
import { SessionCipher, SessionCipherError } from '../sessions';
import type { JobEntity } from './entities/job.entity';
import { NonRetryableError } from './retry-policy';

/**
 * Compiled inputs kept per job, so that a recurring job parses its expressions once per worker. A job's
 * input never changes after dispatch, so its id is key enough; the bound keeps a worker that runs many
 * one-off jobs from holding every input it ever saw (the oldest entry goes first).
 */
const MAX_COMPILED_INPUTS = 5_000;

/**
 * The input an executor sees for one run (DESIGN §6): expressions resolved afresh at every run against
 * the job's input as dispatched, its session data and the run's time. An input without expressions is
 * passed on as it is, after one scan and without decrypting the session, so the common run pays nothing.
 */
export class RunInputs {
  private readonly compiled = new Map<string, CompiledInput>();

  constructor(private readonly cipher: SessionCipher) {}

  /**
   * Throws NonRetryableError naming the field when an expression cannot be evaluated (a missing session
   * path, a wrong argument): the same input against the same data would fail the same way on retry.
   */
  resolve(job: JobEntity): Record<string, unknown> {
    let compiled = this.compiled.get(job.id);
    if (compiled === undefined) {
      if (!hasExpressions(job.input)) return job.input;
      compiled = this.compile(job);
    }
    const session = job.sessionData === null ? undefined : this.openSession(job);
    try {
      return compiled.evaluate({ input: job.input, session, now: new Date() }) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof ExpressionError) throw new NonRetryableError(formatExpressionProblem(error.toProblem()));
      throw error;
    }
  }

  private compile(job: JobEntity): CompiledInput {
    let compiled: CompiledInput;
    try {
      compiled = compileInput(job.input, 'input');
    } catch (error) {
      // Dispatch refuses malformed expressions; a row written before it did, or by hand, ends here.
      if (error instanceof ExpressionError) throw new NonRetryableError(formatExpressionProblem(error.toProblem()));
      throw error;
    }
    if (this.compiled.size >= MAX_COMPILED_INPUTS) this.compiled.delete(this.compiled.keys().next().value as string);
    this.compiled.set(job.id, compiled);
    return compiled;
  }

  private openSession(job: JobEntity): unknown {
    try {
      return this.cipher.decrypt(job.sessionData as string);
    } catch (error) {
      if (error instanceof SessionCipherError) {
        throw new NonRetryableError(`The job's session data cannot be decrypted (was SESSION_ENCRYPTION_KEY or SESSION_SECRET changed?): ${error.message}`);
      }
      throw error;
    }
  }
}
