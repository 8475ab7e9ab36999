import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LineCounter, parseDocument, visit } from 'yaml';
import { substituteEnvReferences } from './env-references';
import { RegistryValidationError, UnknownResourceError } from './registry-errors';
import { EnvSource, ResolvedAction, ResolvedApp } from './registry.types';
import { deepFreeze, isWithinPath } from './registry-utils';
import { PerEnv, RAW_SECTIONS, RawSectionName, validateRegistry, ValidatedProduct } from './registry-validator';
import { SECTION_ENTRY_NAMES } from './sections';

export const DEFAULT_RESOURCES_FILE = 'resources.yaml';

interface AppEntry {
  app: ResolvedApp;
  events: Map<string, ResolvedAction>;
}

interface ProductEntry {
  envs: readonly string[];
  /** env → app name → the app with its per-env values already settled. */
  appsByEnv: Map<string, Map<string, AppEntry>>;
  sections: Partial<Record<RawSectionName, Record<string, unknown>>>;
  /** env → section → entry name → the entry with its per-env values settled for that env. */
  entriesByEnv: Map<string, Map<RawSectionName, Map<string, unknown>>>;
}

const NO_ENTRIES: Record<string, unknown> = Object.freeze({});

/**
 * The validated resource registry. Everything is resolved at load time, so lookups on the dispatch
 * path are a handful of map reads. Returned objects are shared and frozen: copy before changing.
 */
export class ResourceRegistry {
  private constructor(private readonly entries: ReadonlyMap<string, ProductEntry>) {}

  static fromFile(file: string, env: EnvSource = process.env): ResourceRegistry {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new RegistryValidationError([describeReadFailure(file, error)]);
    }
    return ResourceRegistry.fromObject(parseYaml(text, `${file}: `), env);
  }

  static fromYaml(text: string, env: EnvSource = process.env): ResourceRegistry {
    return ResourceRegistry.fromObject(parseYaml(text, ''), env);
  }

  static fromObject(doc: unknown, env: EnvSource = process.env): ResourceRegistry {
    const substitution = substituteEnvReferences(doc, env);
    const validation = validateRegistry(substitution.value);
    // A string with a missing variable is already reported; its blanked value would only add noise.
    const unresolved = substitution.problems.map((problem) => problem.path);
    const problems = [
      ...substitution.problems,
      ...validation.problems.filter((problem) => !unresolved.some((path) => isWithinPath(problem.path, path))),
    ];
    if (problems.length > 0) throw RegistryValidationError.fromProblems(problems);
    return new ResourceRegistry(indexProducts(validation.products));
  }

  products(): string[] {
    return [...this.entries.keys()];
  }

  envs(product: string): readonly string[] {
    return this.productEntry(product).envs;
  }

  requireProduct(product: string): void {
    this.productEntry(product);
  }

  requireEnv(product: string, env: string): void {
    this.appsIn(product, env);
  }

  resolveApp(product: string, env: string, app: string): ResolvedApp {
    return this.appEntry(product, env, app).app;
  }

  resolveAction(product: string, env: string, app: string, event: string): ResolvedAction {
    const action = this.appEntry(product, env, app).events.get(event);
    if (!action) throw UnknownResourceError.event(product, app, event);
    return action;
  }

  /**
   * An entry of a section that declares a schema (a broker, a storage…), as seen from one env.
   * Throws UnknownResourceError naming the request `field` when the product, env or entry is unknown.
   */
  entry<T>(product: string, env: string, section: RawSectionName, name: string, field: string = SECTION_ENTRY_NAMES[section]): T {
    this.appsIn(product, env);
    const found = this.productEntry(product).entriesByEnv.get(env)?.get(section)?.get(name);
    if (found === undefined) throw UnknownResourceError.inProduct(SECTION_ENTRY_NAMES[section], name, product, field);
    return found as T;
  }

  /** A section still kept as written (`storage`, `brokers`…); empty when the product has none. */
  section(product: string, name: string): Record<string, unknown> {
    const entry = this.productEntry(product);
    if (!isRawSection(name)) {
      throw new RangeError(`'${name}' is not a registry section; expected one of ${RAW_SECTIONS.join(', ')}`);
    }
    return entry.sections[name] ?? NO_ENTRIES;
  }

  private productEntry(product: string): ProductEntry {
    const entry = this.entries.get(product);
    if (!entry) throw UnknownResourceError.product(product);
    return entry;
  }

  private appsIn(product: string, env: string): Map<string, AppEntry> {
    const apps = this.productEntry(product).appsByEnv.get(env);
    if (!apps) throw UnknownResourceError.env(product, env);
    return apps;
  }

  private appEntry(product: string, env: string, app: string): AppEntry {
    const entry = this.appsIn(product, env).get(app);
    if (!entry) throw UnknownResourceError.inProduct('app', app, product);
    return entry;
  }
}

function isRawSection(name: string): name is RawSectionName {
  return (RAW_SECTIONS as readonly string[]).includes(name);
}

function indexProducts(products: readonly ValidatedProduct[]): Map<string, ProductEntry> {
  const entries = new Map<string, ProductEntry>();
  for (const product of products) {
    const appsByEnv = new Map(product.envs.map((env) => [env, new Map<string, AppEntry>()]));
    for (const [appName, byEnv] of product.apps) {
      for (const [env, app] of byEnv) {
        deepFreeze(app);
        const events = new Map<string, ResolvedAction>();
        for (const [event, action] of Object.entries(app.actions)) {
          events.set(event, Object.freeze({ product: product.name, env, app, event, action }));
        }
        appsByEnv.get(env)?.set(appName, { app, events });
      }
    }
    const entriesByEnv = new Map(product.envs.map((env) => [env, new Map<RawSectionName, Map<string, unknown>>()]));
    for (const [section, byName] of Object.entries(product.entries) as Array<[RawSectionName, Map<string, PerEnv<unknown>>]>) {
      for (const env of product.envs) {
        const resolved = new Map([...byName].map(([name, value]) => [name, deepFreeze(value(env))]));
        entriesByEnv.get(env)?.set(section, resolved);
      }
    }
    entries.set(product.name, {
      envs: Object.freeze([...product.envs]),
      appsByEnv,
      sections: deepFreeze(product.sections),
      entriesByEnv,
    });
  }
  return entries;
}

/** `prefix` names the source in each message: the file path, or nothing for in-memory text. */
function parseYaml(text: string, prefix: string): unknown {
  const lineCounter = new LineCounter();
  // Merge keys let one env's block reuse another's via anchors, a common way to keep envs in step.
  const document = parseDocument(text, { lineCounter, merge: true, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number): string => {
    const { line, col } = lineCounter.linePos(offset);
    return `${prefix}line ${line}, column ${col}: `;
  };
  const problems = document.errors.map(
    (error) =>
      at(error.pos[0]) +
      (error.code === 'MULTIPLE_DOCS' ? 'the registry must be a single YAML document' : error.message),
  );
  // The parser accepts aliases to anchors that do not exist; conversion would fail without a line.
  if (problems.length === 0) {
    visit(document, {
      Alias: (_key, alias) => {
        if (!alias.resolve(document)) {
          problems.push(`${at(alias.range?.[0] ?? 0)}alias *${alias.source} has no anchor defined before it`);
        }
      },
    });
  }
  if (problems.length > 0) throw new RegistryValidationError(problems);
  try {
    return document.toJS();
  } catch (error) {
    // Alias expansion limits surface only here.
    throw new RegistryValidationError([`${prefix}${error instanceof Error ? error.message : String(error)}`]);
  }
}

function describeReadFailure(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `${file}: file not found (looked for ${resolve(file)})`;
    case 'EISDIR':
      return `${file}: is a directory, not a file`;
    case 'EACCES':
    case 'EPERM':
      return `${file}: permission denied`;
    default:
      return `${file}: cannot be read (${code ?? String(error)})`;
  }
}
