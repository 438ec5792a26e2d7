/**
 * Stops calling a model that keeps failing: after `threshold` failures in a row the circuit opens
 * and calls are refused for `cooldownMs`; then one trial call is let through (half-open), which
 * closes the circuit if it succeeds and opens it again if it fails.
 */
export interface CircuitBreaker {
  /** Whether a call may go now (in half-open state, only the first caller gets true). */
  allow(): boolean;
  success(): void;
  failure(): void;
  /** The call allowed did not test the model (the request was refused first): no verdict. */
  cancel(): void;
  readonly state: 'closed' | 'open' | 'half-open';
}

export function createCircuitBreaker(
  threshold: number,
  cooldownMs: number,
  now: () => number = Date.now,
): CircuitBreaker {
  let failures = 0;
  let openedAt = -1;
  let trialInFlight = false;
  const state = (): CircuitBreaker['state'] =>
    openedAt < 0 ? 'closed' : now() - openedAt >= cooldownMs ? 'half-open' : 'open';
  return {
    get state() {
      return state();
    },
    allow() {
      const s = state();
      if (s === 'closed') return true;
      if (s === 'open' || trialInFlight) return false;
      trialInFlight = true;
      return true;
    },
    success() {
      failures = 0;
      openedAt = -1;
      trialInFlight = false;
    },
    cancel() {
      trialInFlight = false;
    },
    failure() {
      failures++;
      if (trialInFlight || failures >= threshold) openedAt = now();
      trialInFlight = false;
    },
  };
}
