/** Resolves with the signal's name on the first SIGINT or SIGTERM (a second one stops at once). */
export function stopSignal(): Promise<string> {
  return new Promise((resolveStop) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveStop(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
