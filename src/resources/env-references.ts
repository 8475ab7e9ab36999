import { RegistryProblem, RegistryValidationError } from './registry-errors';
import { EnvSource } from './registry.types';
import { childPath, isPlainObject } from './registry-utils';

/**
 * `$${` escapes a literal `${`; `${NAME}` is a reference; any other `${` is a typo (an unclosed brace,
 * a space or dash in the name) that would otherwise silently reach a remote service as text.
 */
const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$\{/g;

export interface EnvSubstitution {
  /** A copy of the document; the input is left untouched. */
  value: unknown;
  /** Paths of strings whose references could not be resolved; such strings hold '' in their place. */
  problems: RegistryProblem[];
}

/**
 * Replaces `${VAR}` references in every string value of a parsed document (keys are names, not
 * values, and are left alone). All unresolved references are reported, each with its key path.
 * No problem text ever contains a variable's value, since these are typically secrets.
 */
export function substituteEnvReferences(doc: unknown, env: EnvSource, rootPath = ''): EnvSubstitution {
  const problems: RegistryProblem[] = [];
  const value = substitute(doc, rootPath, env, problems);
  return { value, problems };
}

/** As `substituteEnvReferences`, throwing a RegistryValidationError when a reference is unresolved. */
export function substituteEnvReferencesOrThrow(doc: unknown, env: EnvSource, rootPath = ''): unknown {
  const { value, problems } = substituteEnvReferences(doc, env, rootPath);
  if (problems.length > 0) throw RegistryValidationError.fromProblems(problems);
  return value;
}

function substitute(node: unknown, path: string, env: EnvSource, problems: RegistryProblem[]): unknown {
  if (typeof node === 'string') return substituteString(node, path, env, problems);
  if (Array.isArray(node)) return node.map((item, index) => substitute(item, childPath(path, index), env, problems));
  if (isPlainObject(node)) {
    // fromEntries defines own properties, so a `__proto__` key stays data instead of a prototype.
    return Object.fromEntries(
      Object.entries(node).map(([key, child]) => [key, substitute(child, childPath(path, key), env, problems)]),
    );
  }
  return node;
}

function substituteString(text: string, path: string, env: EnvSource, problems: RegistryProblem[]): string {
  if (!text.includes('${')) return text;
  const reported = new Set<string>();
  const report = (message: string): void => {
    if (reported.has(message)) return;
    reported.add(message);
    problems.push({ path, message });
  };
  return text.replace(REFERENCE, (match: string, name: string | undefined) => {
    if (match === '$${') return '${';
    if (name === undefined) {
      report('holds a malformed ${...} reference (names are letters, digits and _; write $${ for a literal ${)');
      return '';
    }
    // A typeof check rather than `in`: a plain object would otherwise "define" toString and friends.
    const value = env[name];
    if (typeof value !== 'string') {
      report(`environment variable ${name} is not set`);
      return '';
    }
    return value;
  });
}
