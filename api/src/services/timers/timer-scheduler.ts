import type { AppContext } from '../../context';
import { sweepTimers } from './sweep-timers';

/**
 * Runs the timer sweep now (catching up whatever fell due while the server was down) and then
 * every `intervalMs`. Sweeps never overlap in one process; several processes are safe because
 * each alarm is claimed with a conditional update.
 */
export function startTimerSweeps(ctx: AppContext, intervalMs = 15_000): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      let fired = await sweepTimers(ctx);
      // A full batch means more may be due: keep going before waiting for the next tick.
      while (fired.red + fired.yellow >= 500) fired = await sweepTimers(ctx);
    } catch (error) {
      ctx.log(`timer sweep failed: ${(error as Error).stack ?? error}`);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
