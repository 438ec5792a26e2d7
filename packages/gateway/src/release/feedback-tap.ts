import type { FeedbackRecord } from '@vigie/core/monitor';
import type { GatewayPredictionLog } from '../serving/prediction-log-port.js';

/**
 * The same prediction log, telling `listener` of every feedback it accepted (after the append
 * resolved): how the release controller scores shadows and canaries as labels arrive.
 *
 * @example createGateway({ log: tapFeedback(log, (f) => releases.feedback(f)) })
 */
export function tapFeedback(
  log: GatewayPredictionLog,
  listener: (feedback: FeedbackRecord) => void,
): GatewayPredictionLog {
  return {
    append: (records) => log.append(records),
    async appendFeedback(feedback) {
      await log.appendFeedback(feedback);
      try {
        listener(feedback);
      } catch {
        // A listener's failure never turns an accepted feedback into an error.
      }
    },
    health: () => log.health(),
  };
}
