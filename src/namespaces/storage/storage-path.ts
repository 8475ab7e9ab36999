import { lstat, realpath } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';

/** S3's limit on a key, in UTF-8 bytes; local names follow the same rule so both drivers agree. */
export const MAX_STORAGE_PATH_BYTES = 1024;

// Control characters end up in logs and headers; NUL truncates names in C-level file APIs.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Why a file name given by a client is unsafe, or null when it is fine. Names are relative,
 * '/'-separated paths that cannot climb out of the storage: no absolute path, no '.' or '..' segment,
 * no empty segment, no backslash (a separator on Windows hosts and in some S3 tools).
 */
export function storagePathProblem(name: string): string | null {
  if (name === '') return 'must not be empty';
  if (Buffer.byteLength(name) > MAX_STORAGE_PATH_BYTES) return `must be at most ${MAX_STORAGE_PATH_BYTES} bytes`;
  if (CONTROL.test(name)) return 'must not contain control characters';
  if (name.includes('\\')) return 'must not contain backslashes; use / between folders';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'must be a relative path, not an absolute one';
  const segments = name.split('/');
  if (segments.some((segment) => segment === '..')) return "must not contain '..' segments";
  if (segments.some((segment) => segment === '.')) return "must not contain '.' segments";
  if (segments.some((segment) => segment === '')) return 'must not start or end with / nor contain //';
  return null;
}

/** The file name leaves the storage root, by its text or through a symbolic link. */
export class PathOutsideRootError extends Error {}

function isInside(root: string, path: string): boolean {
  return path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * The absolute path of `name` under `root`, once the real location of every part of it that exists
 * is known to stay under the root's real location. A symbolic link inside the root that points
 * elsewhere is refused whether it is the file itself or one of its folders. `root` must exist.
 */
export async function resolveWithinRoot(root: string, name: string): Promise<string> {
  const realRoot = await realpath(root);
  const target = resolve(realRoot, name);
  if (!isInside(realRoot, target)) throw new PathOutsideRootError('leaves the storage root');
  for (let probe = target; probe !== realRoot; probe = dirname(probe)) {
    let real: string;
    try {
      real = await realpath(probe);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // Missing, or a link whose target is missing: a link is refused, since where it leads is unknown.
      if (await isLink(probe)) throw new PathOutsideRootError('goes through a symbolic link that leads nowhere');
      continue;
    }
    if (real !== realRoot && !isInside(realRoot, real)) throw new PathOutsideRootError('leaves the storage root through a symbolic link');
    break;
  }
  return target;
}

async function isLink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}
