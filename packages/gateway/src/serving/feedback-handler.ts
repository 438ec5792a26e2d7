import type { IncomingMessage, ServerResponse } from 'node:http';
import { isVigieError } from '@vigie/core/errors';
import type { FeedbackRecord } from '@vigie/core/monitor';
import { readJson } from '../http/body.js';
import { HttpError } from '../http/http-error.js';
import { sendJson } from '../http/send.js';
import type { GatewayPredictionLog } from './prediction-log-port.js';

const bad = (message: string) => new HttpError(400, 'INVALID_INPUT', message);

/** Checks a feedback body: a prediction id and at least one of label, value, rating, interaction. */
export function parseFeedback(body: unknown, at: string): FeedbackRecord {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw bad('body: expected a JSON object {"predictionId", "label" | "value" | "rating" | "interaction"}');
  const b = body as Record<string, unknown>;
  if (typeof b.predictionId !== 'string' || b.predictionId.length === 0 || b.predictionId.length > 128)
    throw bad('body: "predictionId" must be the id of a prediction (a string)');
  const f: { -readonly [K in keyof FeedbackRecord]: FeedbackRecord[K] } = {
    predictionId: b.predictionId,
    at,
  };
  if (b.label !== undefined) {
    if (typeof b.label !== 'string' && typeof b.label !== 'boolean' && !Number.isFinite(b.label))
      throw bad('body: "label" must be a string, a finite number or a boolean');
    f.label = b.label as string | number | boolean;
  }
  if (b.value !== undefined) {
    if (typeof b.value !== 'number' || !Number.isFinite(b.value))
      throw bad('body: "value" must be a finite number');
    f.value = b.value;
  }
  if (b.rating !== undefined) {
    if (typeof b.rating !== 'number' || !Number.isFinite(b.rating))
      throw bad('body: "rating" must be a finite number');
    f.rating = b.rating;
  }
  if (b.interaction !== undefined) {
    if (b.interaction !== 'used' && b.interaction !== 'ignored')
      throw bad('body: "interaction" must be "used" or "ignored"');
    f.interaction = b.interaction;
  }
  if (f.label === undefined && f.value === undefined && f.rating === undefined && f.interaction === undefined)
    throw bad('body: give at least one of "label", "value", "rating", "interaction"');
  return f;
}

export interface FeedbackDeps {
  log: GatewayPredictionLog | undefined;
  /** Resolves once every append made so far has settled (feedback may follow its prediction closely). */
  appendsSettled(): Promise<void>;
  maxBodyBytes: number;
}

/** `POST /v1/feedback` → 202, 404 for an unknown prediction id, 400 for a bad body. */
export function createFeedbackHandler(deps: FeedbackDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readJson(req, deps.maxBodyBytes);
    const feedback = parseFeedback(body, new Date().toISOString());
    if (!deps.log)
      throw new HttpError(
        503,
        'FEEDBACK_UNAVAILABLE',
        'this gateway keeps no prediction log, so it takes no feedback',
      );
    await deps.appendsSettled();
    try {
      await deps.log.appendFeedback(feedback);
    } catch (error) {
      if (isVigieError(error) && error.code === 'NOT_FOUND')
        throw new HttpError(
          404,
          'UNKNOWN_PREDICTION',
          `no prediction with id "${feedback.predictionId.slice(0, 64)}"`,
        );
      throw new HttpError(503, 'LOG_UNAVAILABLE', 'the prediction log did not record the feedback');
    }
    sendJson(res, 202, { accepted: true, predictionId: feedback.predictionId });
  };
}
