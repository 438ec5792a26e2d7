import type { ModelRuntime, ModelSignature } from '@vigie/core/models';

/** A model version the gateway can send traffic to, loaded and ready. */
export interface ServedModel {
  /** `name@version` (or the file it came from), as answered in `modelVersion`. */
  readonly ref: string;
  readonly version: string;
  readonly model: ModelRuntime;
  readonly signature: ModelSignature;
  /** Answers carry `"beta": true`. */
  readonly beta: boolean;
}

/**
 * How the requests for one model name are answered. Replaced as a whole (one swap), so a rollback
 * is a single assignment and no request ever sees half a route.
 */
export interface Route {
  readonly name: string;
  /** Answers users. */
  readonly primary: ServedModel;
  /** Canary or blue/green: answers this share (0..1) of the requests, sticky by request key. */
  readonly candidate?: { readonly model: ServedModel; readonly weight: number };
  /** Gets an asynchronous copy of the primary's traffic; its answers never reach users. */
  readonly shadow?: ServedModel;
  /** Every answer of the route carries `"beta": true` (as do a beta model's). */
  readonly beta?: boolean;
}

/** A route as the admin API shows it: refs instead of loaded models. */
export interface RouteSummary {
  name: string;
  primary: string;
  candidate?: { ref: string; weight: number };
  shadow?: string;
  beta: boolean;
}

export function summarizeRoute(route: Route): RouteSummary {
  return {
    name: route.name,
    primary: route.primary.ref,
    ...(route.candidate
      ? { candidate: { ref: route.candidate.model.ref, weight: route.candidate.weight } }
      : {}),
    ...(route.shadow ? { shadow: route.shadow.ref } : {}),
    beta: route.beta === true,
  };
}
