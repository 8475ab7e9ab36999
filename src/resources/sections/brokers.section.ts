import type { Spec } from './section-spec';

/** The schema of the `brokers` section; undefined keeps it as written. */
export const BROKERS_SECTION: Spec | undefined = undefined;
