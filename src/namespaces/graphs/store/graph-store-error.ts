/**
 * An operation the graph refuses as asked (a node that is not in the graph, a delete that would leave
 * relationships dangling): running it again cannot succeed, so the executor does not retry it.
 */
export class GraphStoreError extends Error {
  override readonly name = 'GraphStoreError';
}
