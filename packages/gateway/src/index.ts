/** @vigie/gateway: the data plane (serving, routing, releases, prediction log, feedback, metrics). */
export {};
