import type { Spec } from './section-spec';

/** The schema of the `storage` section; undefined keeps it as written. */
export const STORAGE_SECTION: Spec | undefined = undefined;
