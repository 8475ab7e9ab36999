import type { Spec } from './section-spec';

/** The schema of the `notifications` section; undefined keeps it as written. */
export const NOTIFICATIONS_SECTION: Spec | undefined = undefined;
