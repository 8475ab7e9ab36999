import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NonRetryableError } from '../../../scheduler/retry-policy';
import { LocalStorageDriver } from './local-storage.driver';

describe('LocalStorageDriver', () => {
  let base: string;
  let root: string;
  let outside: string;
  let driver: LocalStorageDriver;
  const signal = new AbortController().signal;
  const read = (name: string) => readFileSync(join(root, name), 'utf8');
  const failure = async (work: Promise<unknown>) => work.then(() => { throw new Error('expected a failure'); }, (error: Error) => error);

  beforeEach(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'local-driver-')));
    root = join(base, 'root');
    outside = join(base, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    driver = new LocalStorageDriver({ type: 'local', root });
  });

  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('creates the root and folders on the first upload, and replaces a file of the same name', async () => {
    await driver.upload('a/b/c.txt', Buffer.from('one'), 'text/plain', signal);
    await driver.upload('a/b/c.txt', Buffer.from('two'), 'text/plain', signal);
    expect(read('a/b/c.txt')).toBe('two');
    expect(readdirSync(join(root, 'a', 'b'))).toEqual(['c.txt']);
  });

  it('copies, moves and deletes', async () => {
    await driver.upload('src.txt', Buffer.from('data'), 'text/plain', signal);
    await driver.copy('src.txt', 'copies/one.txt');
    expect(read('copies/one.txt')).toBe('data');
    await driver.move('copies/one.txt', 'moved/one.txt');
    expect(readdirSync(join(root, 'copies'))).toEqual([]);
    expect(read('moved/one.txt')).toBe('data');
    await expect(driver.delete('moved/one.txt')).resolves.toEqual({ existed: true });
    await expect(driver.delete('moved/one.txt')).resolves.toEqual({ existed: false });
    await expect(new LocalStorageDriver({ type: 'local', root: join(base, 'never') }).delete('x')).resolves.toEqual({ existed: false });
  });

  it('gives up at once on a missing source, a folder, or a file used as a folder', async () => {
    await driver.upload('dir/file.txt', Buffer.from('x'), 'text/plain', signal);
    const missing = await failure(driver.copy('nothing.txt', 'b.txt'));
    expect(missing).toBeInstanceOf(NonRetryableError);
    expect(missing.message).toBe("input.fileName 'nothing.txt' does not exist");
    expect((await failure(driver.move('dir', 'elsewhere'))).message).toBe("input.fileName 'dir' is a folder, not a file");
    expect((await failure(driver.delete('dir'))).message).toBe("input.fileName 'dir' is a folder, not a file");
    const through = await failure(driver.upload('dir/file.txt/inner.txt', Buffer.from('x'), 'text/plain', signal));
    expect(through).toBeInstanceOf(NonRetryableError);
    expect(through.message).toBe("input.fileName 'dir/file.txt/inner.txt' goes through a file as if it were a folder");
  });

  it('never reads, writes or deletes through a link that leads out of the root', async () => {
    mkdirSync(root);
    symlinkSync(outside, join(root, 'out'));
    symlinkSync(join(outside, 'secret.txt'), join(root, 'secret.txt'));
    writeFileSync(join(root, 'a.txt'), 'a');
    const attempts: Array<[() => Promise<unknown>, string]> = [
      [() => driver.upload('out/new.txt', Buffer.from('x'), 'text/plain', signal), 'input.fileName'],
      [() => driver.upload('secret.txt', Buffer.from('overwritten'), 'text/plain', signal), 'input.fileName'],
      [() => driver.copy('secret.txt', 'stolen.txt'), 'input.fileName'],
      [() => driver.copy('out/secret.txt', 'stolen.txt'), 'input.fileName'],
      [() => driver.move('a.txt', 'out/a.txt'), 'input.destination'],
      [() => driver.delete('out/secret.txt'), 'input.fileName'],
    ];
    for (const [work, field] of attempts) {
      const error = await failure(work());
      expect(error).toBeInstanceOf(NonRetryableError);
      expect(error.message).toBe(`${field} leaves the storage root through a symbolic link`);
    }
    expect(readdirSync(outside)).toEqual(['secret.txt']);
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('secret');
    expect(readdirSync(root).sort()).toEqual(['a.txt', 'out', 'secret.txt']);
  });

  it('leaves no temporary file behind when a write fails', async () => {
    const aborted = AbortSignal.abort();
    await failure(driver.upload('x/y.txt', Buffer.alloc(1024 * 1024), 'application/octet-stream', aborted));
    expect(readdirSync(join(root, 'x'))).toEqual([]);
  });
});
