/**
 * Raised for any filter the translator refuses. `path` locates the offending
 * node (e.g. `filter.age.$gt`, `filter.$or[1].name`) so API callers can point
 * at the exact spot; the message always begins with that path so it is useful
 * on its own in logs and HTTP error bodies.
 */
export class FilterError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: ${detail}`);
    this.name = 'FilterError';
  }
}
