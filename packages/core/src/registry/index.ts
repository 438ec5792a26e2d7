export { putBytes, putFile, readBlob, writeBlobTo } from './blobs/blob-files.js';
export type { BlobRef, BlobStore } from './blobs/blob-store.js';
export { createFsBlobStore } from './blobs/fs-blob-store.js';
export { checkBlobHash, hashFile, sha256 } from './blobs/hashing.js';
export { createS3BlobStore, parseS3Url, type S3BlobStoreOptions } from './blobs/s3-blob-store.js';
export * from './entities.js';
export { createHttpBlobStore } from './http/http-blob-store.js';
export type { HttpClientOptions } from './http/http-client.js';
export { createHttpRegistryStore } from './http/http-store.js';
export {
  type BlobLocation,
  DEFAULT_REGISTRY,
  type OpenedRegistry,
  type OpenRegistryOptions,
  openRegistry,
  parseBlobUrl,
  parseRegistryUrl,
  type RegistryLocation,
} from './open-registry.js';
export {
  DEFAULT_READINESS_POLICY,
  datasetReadiness,
  describeMissing,
  modelReadiness,
  type Readiness,
  type ReadinessPolicy,
  type Requirement,
} from './readiness.js';
export {
  checkAlias,
  checkName,
  describeId,
  formatRef,
  parseRef,
  sourceId,
  type VersionedKind,
  type VersionRef,
  versionId,
} from './refs.js';
export {
  type CheckReportLike,
  type DatasetFiles,
  type Registry,
  registerDatasetFiles,
  type SplitLike,
} from './register-files.js';
export {
  type Bump,
  bumpSemver,
  canonicalJson,
  compareSemver,
  datasetBump,
  decideSemver,
  modelBump,
  type SemverOverride,
} from './semver.js';
export { openPostgresRegistry, redactUrl } from './sql/open-postgres.js';
export { openSqliteRegistry } from './sql/open-sqlite.js';
export { createSqlRegistryStore, type SqlRegistryStore } from './sql/sql-store.js';
export { createSqlTokenStore } from './sql/tokens.js';
export type * from './store.js';
export {
  type CreatedToken,
  hasScope,
  normalizeScopes,
  TOKEN_PREFIX,
  TOKEN_SCOPES,
  type TokenInfo,
  type TokenScope,
  type TokenStore,
  type VerifiedToken,
} from './tokens.js';
