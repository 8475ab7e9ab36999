import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { LocalStorageConfig } from '../../../resources/sections/storage.section';
import { NonRetryableError } from '../../../scheduler/retry-policy';
import { PathOutsideRootError, resolveWithinRoot } from '../storage-path';
import type { DriverResult, StorageDriver } from './storage-driver';

/** Failures that stay the same however often a run is repeated. */
const PERMANENT_CODES = new Set(['EISDIR', 'ENOTDIR', 'EACCES', 'EPERM', 'EROFS', 'ENAMETOOLONG', 'EINVAL', 'ELOOP']);

type Field = 'input.fileName' | 'input.destination';

/**
 * A folder of the host (`type: local`). Every name is resolved under the root's real path, so neither
 * `..` nor a symbolic link takes a run outside it. Files are written to a temporary name and renamed,
 * so a reader never sees half a file and a link at the destination is replaced, not followed.
 */
export class LocalStorageDriver implements StorageDriver {
  private readonly root: string;

  constructor(config: LocalStorageConfig) {
    this.root = resolve(config.root);
  }

  async upload(fileName: string, bytes: Buffer, _mimeType: string, signal: AbortSignal): Promise<DriverResult> {
    const target = await this.destination(fileName, 'input.fileName');
    await this.run('upload', fileName, 'input.fileName', () => replaceFile(target, (temp) => writeFile(temp, bytes, { flag: 'wx', signal })));
    return {};
  }

  async delete(fileName: string): Promise<DriverResult> {
    return this.run('delete', fileName, 'input.fileName', async () => {
      let path: string;
      try {
        path = await resolveWithinRoot(this.root, fileName);
        await unlink(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { existed: false };
        throw error;
      }
      return { existed: true };
    });
  }

  async copy(fileName: string, destination: string): Promise<DriverResult> {
    const source = await this.source(fileName);
    const target = await this.destination(destination, 'input.destination');
    await this.run('copy', fileName, 'input.fileName', () => replaceFile(target, (temp) => copyFile(source, temp, constants.COPYFILE_EXCL)));
    return {};
  }

  async move(fileName: string, destination: string): Promise<DriverResult> {
    const source = await this.source(fileName);
    const target = await this.destination(destination, 'input.destination');
    await this.run('move', fileName, 'input.fileName', () => rename(source, target));
    return {};
  }

  close(): void {}

  /** An existing regular file: folders are not files to copy or move, even though rename would take one. */
  private source(fileName: string): Promise<string> {
    return this.run('read', fileName, 'input.fileName', async () => {
      const path = await resolveWithinRoot(this.root, fileName);
      if (!(await stat(path)).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      return path;
    });
  }

  /** Where a file will be written, with its folders created; the root too on first use. */
  private destination(name: string, field: Field): Promise<string> {
    return this.run('write', name, field, async () => {
      await mkdir(this.root, { recursive: true });
      const path = await resolveWithinRoot(this.root, name);
      await mkdir(dirname(path), { recursive: true });
      return path;
    });
  }

  /** Maps file system errors to messages that name the client's field, never the host's absolute paths. */
  private async run<T>(operation: string, name: string, field: Field, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof PathOutsideRootError) throw new NonRetryableError(`${field} ${error.message}`);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new NonRetryableError(`${field} '${name}' does not exist`);
      if (code === 'EISDIR') throw new NonRetryableError(`${field} '${name}' is a folder, not a file`);
      if (code === 'ENOTDIR') throw new NonRetryableError(`${field} '${name}' goes through a file as if it were a folder`);
      if (code && PERMANENT_CODES.has(code)) throw new NonRetryableError(`${operation} of ${field} '${name}' failed: ${code}`);
      if ((error as Error).name === 'AbortError') throw error;
      throw new Error(`${operation} of ${field} '${name}' failed: ${code ?? (error as Error).message}`);
    }
  }
}

/** Writes through a temporary file beside the target, then renames it over the target. */
async function replaceFile(target: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = join(dirname(target), `.dispatch-${randomUUID()}.partial`);
  try {
    await write(temp);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
