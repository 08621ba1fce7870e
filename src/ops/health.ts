// GET /healthz: Parley is healthy when its store answers and, on Discord, the gateway is ready.
import type { Store } from '../store/store.ts';
import { withinMs, type HealthReport } from './httpServer.ts';

const STORE_CHECK_MS = 2_000;

export interface HealthInputs {
  store: Pick<Store, 'queries'>;
  /** Null in console mode, where there is no gateway to be ready. */
  discordReady: (() => boolean) | null;
}

export async function checkHealth({ store, discordReady }: HealthInputs): Promise<HealthReport> {
  const checks: Record<string, string> = {};
  const reasons: string[] = [];
  try {
    await withinMs(STORE_CHECK_MS, () => store.queries.counts());
    checks.store = 'ok';
  } catch (error) {
    checks.store = 'failing';
    reasons.push(`the store does not answer: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (discordReady === null) checks.discord = 'not used (console mode)';
  else if (discordReady()) checks.discord = 'ready';
  else {
    checks.discord = 'not ready';
    reasons.push('the Discord gateway is not ready');
  }
  return { ok: reasons.length === 0, checks, reasons };
}
