/**
 * Releases: the declarative release spec, shadow comparison and canary analysis statistics, the
 * sample-ratio check, and decisions as verdicts. Pure: the gateway executes them.
 */
export {};
