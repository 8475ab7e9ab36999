export { parseDuration } from './duration';
export { substituteEnvReferences, substituteEnvReferencesOrThrow } from './env-references';
export type { EnvSubstitution } from './env-references';
export { DEFAULT_APP_TIMEOUT_MS, HTTP_METHODS, MAX_APP_TIMEOUT_MS } from './app-field-checks';
export { formatProblem, RegistryValidationError, UnknownResourceError } from './registry-errors';
export type { RegistryProblem } from './registry-errors';
export { RAW_SECTIONS, validateRegistry } from './registry-validator';
export type { RawSectionName, RegistryValidation, ValidatedProduct } from './registry-validator';
export { DEFAULT_RESOURCES_FILE, ResourceRegistry } from './resource-registry';
export { ResourcesModule } from './resources.module';
export type { ResourcesModuleOptions } from './resources.module';
export type {
  AppActionConfig,
  EnvSource,
  HttpMethod,
  ResolvedAction,
  ResolvedApp,
} from './registry.types';
