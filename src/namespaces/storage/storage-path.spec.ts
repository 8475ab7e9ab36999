import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PathOutsideRootError, resolveWithinRoot, storagePathProblem } from './storage-path';

describe('storagePathProblem', () => {
  it.each(['a.txt', 'reports/2030/01/summary.pdf', 'with space/ünïcödé.txt', '..hidden', 'a..b/c', '.env'])('accepts %s', (name) => {
    expect(storagePathProblem(name)).toBeNull();
  });

  it('measures the length in UTF-8 bytes, as S3 does', () => {
    expect(storagePathProblem('x'.repeat(1024))).toBeNull();
    expect(storagePathProblem('x'.repeat(1025))).toBe('must be at most 1024 bytes');
    expect(storagePathProblem('é'.repeat(513))).toBe('must be at most 1024 bytes');
  });

  it.each([
    ['', 'must not be empty'],
    ['a\u0000b', 'must not contain control characters'],
    ['a\nb', 'must not contain control characters'],
    ['a\u007f', 'must not contain control characters'],
    ['a\\..\\b', 'must not contain backslashes; use / between folders'],
    ['/etc/passwd', 'must be a relative path, not an absolute one'],
    ['C:/Windows/win.ini', 'must be a relative path, not an absolute one'],
    ['../secret', "must not contain '..' segments"],
    ['a/../../b', "must not contain '..' segments"],
    ['a/..', "must not contain '..' segments"],
    ['./a', "must not contain '.' segments"],
    ['a/./b', "must not contain '.' segments"],
    ['a//b', 'must not start or end with / nor contain //'],
    ['folder/', 'must not start or end with / nor contain //'],
  ])('refuses %j: %s', (name, problem) => {
    expect(storagePathProblem(name)).toBe(problem);
  });
});

describe('resolveWithinRoot', () => {
  let base: string;
  let root: string;
  let outside: string;

  beforeAll(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'storage-path-')));
    root = join(base, 'root');
    outside = join(base, 'outside');
    mkdirSync(join(root, 'docs'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    writeFileSync(join(root, 'docs', 'a.txt'), 'a');
    symlinkSync(outside, join(root, 'escape'));
    symlinkSync(join(outside, 'secret.txt'), join(root, 'secret-link.txt'));
    symlinkSync(join(root, 'docs'), join(root, 'docs-link'));
    symlinkSync(join(base, 'missing'), join(root, 'dangling'));
  });

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('resolves existing and new names under the root', async () => {
    await expect(resolveWithinRoot(root, 'docs/a.txt')).resolves.toBe(join(root, 'docs', 'a.txt'));
    await expect(resolveWithinRoot(root, 'new/deep/file.bin')).resolves.toBe(join(root, 'new', 'deep', 'file.bin'));
  });

  it('follows links that stay inside the root', async () => {
    await expect(resolveWithinRoot(root, 'docs-link/a.txt')).resolves.toBe(join(root, 'docs-link', 'a.txt'));
    await expect(resolveWithinRoot(root, 'docs-link/new.txt')).resolves.toBe(join(root, 'docs-link', 'new.txt'));
  });

  it('refuses a folder link that leads out, for existing and new files', async () => {
    await expect(resolveWithinRoot(root, 'escape/secret.txt')).rejects.toThrow(new PathOutsideRootError('leaves the storage root through a symbolic link'));
    await expect(resolveWithinRoot(root, 'escape/new/file.txt')).rejects.toThrow(PathOutsideRootError);
  });

  it('refuses a file link that leads out, and a link that leads nowhere', async () => {
    await expect(resolveWithinRoot(root, 'secret-link.txt')).rejects.toThrow('leaves the storage root through a symbolic link');
    await expect(resolveWithinRoot(root, 'dangling')).rejects.toThrow('goes through a symbolic link that leads nowhere');
    await expect(resolveWithinRoot(root, 'dangling/x.txt')).rejects.toThrow('goes through a symbolic link that leads nowhere');
  });

  it('refuses a name that climbs out by its text, even when not checked before', async () => {
    await expect(resolveWithinRoot(root, '../outside/secret.txt')).rejects.toThrow('leaves the storage root');
    await expect(resolveWithinRoot(root, '/etc/passwd')).rejects.toThrow('leaves the storage root');
    await expect(resolveWithinRoot(root, '../root-sibling')).rejects.toThrow(PathOutsideRootError);
  });

  it('works from a root given through a link', async () => {
    const alias = join(base, 'root-alias');
    symlinkSync(root, alias);
    await expect(resolveWithinRoot(alias, 'docs/a.txt')).resolves.toBe(join(root, 'docs', 'a.txt'));
    await expect(resolveWithinRoot(alias, 'escape/x')).rejects.toThrow(PathOutsideRootError);
  });
});
