import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

/**
 * Preloaded (`-r`) into the service when BENCH_PROFILE=1. `--cpu-prof` writes its file only on a normal
 * exit, and Nest's shutdown hooks end the process by re-raising the signal; so the profile is written on
 * SIGWINCH instead, a signal Nest does not listen to.
 */
const out = process.env.BENCH_CPU_PROFILE;
if (out) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable', () => session.post('Profiler.start'));
  process.on('SIGWINCH', () => {
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      // Renamed into place so the bench, which waits for the file to appear, never reads half of it.
      writeFileSync(`${out}.part`, JSON.stringify(result.profile));
      renameSync(`${out}.part`, out);
    });
  });
}
