import type Redis from 'ioredis';

/**
 * Every key matching `pattern` (found with SCAN, so a busy Redis is not blocked) with its whole value
 * read by its type, as one text to search. A type it cannot read is named, so that a new kind of key
 * shows up in the text instead of being skipped silently. Reads are pipelined a SCAN batch at a time.
 */
export async function dumpRedis(redis: Redis, pattern: string): Promise<{ keys: string[]; text: string }> {
  const keys: string[] = [];
  const parts: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (batch.length === 0) continue;
    keys.push(...batch);
    const types = await pipelined(redis, batch.map((key) => ['type', key]));
    const reads = batch.map((key, i) => readCommand(key, String(types[i])));
    const values = await pipelined(redis, reads.filter((read): read is string[] => read !== null));
    let v = 0;
    batch.forEach((key, i) => parts.push(key, reads[i] === null ? unread(String(types[i])) : JSON.stringify(values[v++])));
  } while (cursor !== '0');
  return { keys, text: parts.join('\n') };
}

/** The command reading a key of this type whole, or null for a type without one ("none": expired since SCAN). */
function readCommand(key: string, type: string): string[] | null {
  switch (type) {
    case 'string':
      return ['get', key];
    case 'hash':
      return ['hgetall', key];
    case 'list':
      return ['lrange', key, '0', '-1'];
    case 'set':
      return ['smembers', key];
    case 'zset':
      return ['zrange', key, '0', '-1', 'WITHSCORES'];
    case 'stream':
      return ['xrange', key, '-', '+'];
    default:
      return null;
  }
}

const unread = (type: string): string => (type === 'none' ? '' : `<unread type ${type}>`);

async function pipelined(redis: Redis, commands: string[][]): Promise<unknown[]> {
  const results = (await redis.pipeline(commands).exec()) ?? [];
  return results.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}
