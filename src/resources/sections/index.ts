import type { RawSectionName } from '../registry-validator';
import type { Spec } from './section-spec';
import { BROKERS_SECTION } from './brokers.section';
import { CACHES_SECTION } from './caches.section';
import { DATABASES_SECTION } from './databases.section';
import { FEATURES_SECTION } from './features.section';
import { GRAPHS_SECTION } from './graphs.section';
import { NOTIFICATIONS_SECTION } from './notifications.section';
import { SESSIONS_SECTION } from './sessions.section';
import { STORAGE_SECTION } from './storage.section';

/**
 * The schema of each section, by section name. A section without one is kept as written (a map of
 * named maps) until its namespace declares it.
 */
export const SECTION_SPECS: Partial<Record<RawSectionName, Spec>> = {
  ...(NOTIFICATIONS_SECTION && { notifications: NOTIFICATIONS_SECTION }),
  ...(STORAGE_SECTION && { storage: STORAGE_SECTION }),
  ...(BROKERS_SECTION && { brokers: BROKERS_SECTION }),
  ...(SESSIONS_SECTION && { sessions: SESSIONS_SECTION }),
  ...(CACHES_SECTION && { caches: CACHES_SECTION }),
  ...(DATABASES_SECTION && { databases: DATABASES_SECTION }),
  ...(GRAPHS_SECTION && { graphs: GRAPHS_SECTION }),
  ...(FEATURES_SECTION && { features: FEATURES_SECTION }),
};

/** The word a message uses for one entry of a section: "Unknown broker 'x'". */
export const SECTION_ENTRY_NAMES: Record<RawSectionName, string> = {
  notifications: 'notification',
  storage: 'storage',
  brokers: 'broker',
  databases: 'database',
  graphs: 'graph',
  sessions: 'session',
  caches: 'cache',
  features: 'feature',
};

export * from './section-spec';
export * from './checks';
