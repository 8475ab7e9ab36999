/** One thing wrong with the registry, tied to the dotted key path where it was found. */
export interface RegistryProblem {
  /** Empty for the document as a whole. */
  path: string;
  message: string;
}

export function formatProblem(problem: RegistryProblem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}

/** The registry could not be loaded; `problems` lists every fault found, not just the first. */
export class RegistryValidationError extends Error {
  override readonly name = 'RegistryValidationError';

  constructor(readonly problems: string[]) {
    super(`Invalid resource registry:\n  ${problems.join('\n  ')}`);
  }

  static fromProblems(problems: readonly RegistryProblem[]): RegistryValidationError {
    return new RegistryValidationError(problems.map(formatProblem));
  }
}

/**
 * A request named something the registry does not declare. `field` is the request field that held
 * the name, so an HTTP layer can point the client at it.
 */
export class UnknownResourceError extends Error {
  constructor(
    readonly kind: string,
    override readonly name: string,
    readonly field: string,
    message: string,
  ) {
    super(message);
    // `name` carries the unknown resource's name, which would otherwise head the stack trace and
    // make logs read "shop2: Unknown product 'shop2'".
    const header = `${name}: ${message}`;
    const stack = this.stack ?? '';
    this.stack = `UnknownResourceError: ${message}${stack.startsWith(header) ? stack.slice(header.length) : ''}`;
  }

  override toString(): string {
    return `UnknownResourceError: ${this.message}`;
  }

  static product(product: string): UnknownResourceError {
    return new UnknownResourceError('product', product, 'product', `Unknown product '${product}'`);
  }

  static env(product: string, env: string): UnknownResourceError {
    return new UnknownResourceError('env', env, 'env', `Unknown env '${env}' for product '${product}'`);
  }

  /** A named resource of a product: an app, a notification, a broker, a storage… */
  static inProduct(kind: string, name: string, product: string, field: string = kind): UnknownResourceError {
    return new UnknownResourceError(kind, name, field, `Unknown ${kind} '${name}' in product '${product}'`);
  }

  static event(product: string, app: string, event: string): UnknownResourceError {
    return new UnknownResourceError(
      'event',
      event,
      'event',
      `Unknown event '${event}' for app '${app}' in product '${product}'`,
    );
  }
}
