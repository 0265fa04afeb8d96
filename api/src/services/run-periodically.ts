import type { AppContext } from '../context';

/**
 * Runs `work` now and then every `intervalMs`, never two runs at once in this process (a run
 * longer than the interval skips the ticks it covers), logging a failure instead of throwing.
 * Several processes may each run it: the work itself must be safe for that. Returns `stop`.
 */
export function runPeriodically(
  ctx: AppContext,
  name: string,
  intervalMs: number,
  work: () => Promise<void>,
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await work();
    } catch (error) {
      ctx.log(`${name} failed: ${(error as Error).stack ?? error}`);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
