import type { RegistryStore } from '@vigie/core/registry';
import type { Verdict } from '@vigie/core/verdict';
import type { ReleaseHistoryEntry, ReleaseState } from './release-status.js';

/** An analysis attached to the release as the evidence of a decision. */
export interface Analysis {
  kind: string;
  status: Verdict['status'];
  summary: Record<string, unknown>;
}

/**
 * A release's history, kept in memory at once and written to the registry in order: each
 * decision's analysis attached to the release, then its `release.*` event naming it as evidence.
 * Registry failures never stop the release; the last one is kept for the status.
 */
export class ReleaseRecorder {
  readonly history: ReleaseHistoryEntry[] = [];
  lastError: string | null = null;
  private writes: Promise<void> = Promise.resolve();
  /** Every analysis attached so far: the evidence of an alias move. */
  private readonly analyses: string[] = [];
  /** The alias this release moved and where it pointed before, to move it back on a rollback. */
  private moved: { name: string; alias: string; from: string } | null = null;

  constructor(
    private readonly id: string,
    private readonly store: RegistryStore | null,
    private readonly by: string,
    private readonly now: () => number,
  ) {}

  record(
    at: string,
    type: string,
    state: ReleaseState,
    reason: string,
    analysis: Analysis | null,
    payload: Record<string, unknown> = {},
  ): void {
    const entry: ReleaseHistoryEntry = { at, type, state, reason, evidence: [], payload };
    this.history.push(entry);
    this.enqueue(type, async (store) => {
      if (analysis) {
        const attached = await store.attachAnalysis(this.id, {
          by: this.by,
          kind: analysis.kind,
          status: analysis.status,
          blobHash: null,
          summary: jsonSafe(analysis.summary),
        });
        entry.evidence.push(attached.id);
        this.analyses.push(attached.id);
      }
      await store.recordReleaseEvent({
        by: this.by,
        release: this.id,
        type,
        status: state,
        reason,
        evidence: entry.evidence,
        payload: jsonSafe(payload),
      });
    });
  }

  /**
   * Moves `name@alias` to `version` (a promotion), with every analysis of the release as evidence.
   * A protected alias waits for an approval; a refusal (e.g. the readiness policy) is recorded.
   */
  promoteAlias(name: string, alias: string, version: string, state: ReleaseState): void {
    this.enqueue('release.alias', async (store) => {
      const reason = `release ${this.id} promoted ${name}@${version}`;
      try {
        const move = await store.moveAlias({
          kind: 'model',
          name,
          alias,
          to: version,
          by: this.by,
          reason,
          evidence: [this.id, ...this.analyses],
          action: 'promote',
        });
        if (move.status === 'moved' && move.event.alias?.from)
          this.moved = { name, alias, from: move.event.alias.from };
        await this.aliasEvent(
          store,
          state,
          move.status === 'moved' ? 'release.alias-moved' : 'release.alias-requested',
          move.status === 'moved'
            ? `${name}@${alias} → ${version}`
            : `${name}@${alias} → ${version} waits for an approval (${move.request.id})`,
          { alias, to: version },
        );
      } catch (error) {
        await this.aliasEvent(store, state, 'release.alias-refused', firstLine(error), {
          alias,
          to: version,
        });
      }
    });
  }

  /** After a rollback: the alias this release moved goes back where it was. */
  restoreAlias(state: ReleaseState): void {
    this.enqueue('release.alias', async (store) => {
      const moved = this.moved;
      if (!moved) return;
      this.moved = null;
      const to = moved.from.slice(moved.from.lastIndexOf('@') + 1);
      try {
        await store.moveAlias({
          kind: 'model',
          name: moved.name,
          alias: moved.alias,
          to,
          by: this.by,
          reason: `release ${this.id} rolled back`,
          evidence: [this.id],
          action: 'rollback',
        });
        await this.aliasEvent(
          store,
          state,
          'release.alias-moved',
          `${moved.name}@${moved.alias} → ${to} (rolled back)`,
          {
            alias: moved.alias,
            to,
          },
        );
      } catch (error) {
        await this.aliasEvent(store, state, 'release.alias-refused', firstLine(error), {
          alias: moved.alias,
          to,
        });
      }
    });
  }

  settled(): Promise<void> {
    return this.writes;
  }

  private async aliasEvent(
    store: RegistryStore,
    state: ReleaseState,
    type: string,
    reason: string,
    payload: Record<string, unknown>,
  ): Promise<void> {
    this.history.push({ at: new Date(this.now()).toISOString(), type, state, reason, evidence: [], payload });
    await store.recordReleaseEvent({ by: this.by, release: this.id, type, status: state, reason, payload });
  }

  private enqueue(what: string, write: (store: RegistryStore) => Promise<void>): void {
    const store = this.store;
    if (!store) return;
    this.writes = this.writes.then(async () => {
      try {
        await write(store);
      } catch (error) {
        this.lastError = `${what}: ${firstLine(error)}`;
      }
    });
  }
}

function firstLine(error: unknown): string {
  return ((error as Error).message ?? String(error)).split('\n')[0]!;
}

/** Non-finite numbers become null, as JSON has no NaN. */
function jsonSafe(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
