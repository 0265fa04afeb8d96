import type { AppContext } from '../../context';
import { runPeriodically } from '../run-periodically';
import { sweepTimers } from './sweep-timers';

/**
 * Runs the timer sweep now (catching up whatever fell due while the server was down) and then
 * every `intervalMs`. Sweeps never overlap in one process; several processes are safe because
 * each alarm is claimed with a conditional update.
 */
export function startTimerSweeps(ctx: AppContext, intervalMs = 15_000): () => void {
  return runPeriodically(ctx, 'timer sweep', intervalMs, async () => {
    let fired = await sweepTimers(ctx);
    // A full batch means more may be due: keep going before waiting for the next tick.
    while (fired.red + fired.yellow >= 500) fired = await sweepTimers(ctx);
  });
}
