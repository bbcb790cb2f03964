import { join, relative } from 'node:path';
import { fileProblem, formatDiagnostic } from '../errors/problem.js';
import type { Diagnostic } from '../errors/problem.js';
import { readPolicyFiles } from '../load/policy-files.js';
import { readSettledPolicyFiles } from '../load/settled-policy-files.js';
import { buildRegistry } from './load-policies.js';
import type { PolicyRegistry } from './policy-registry.js';
import { text as sentence } from '../messages/text.js';

/** How far apart the two reads are that must agree before a change is accepted. */
export const DEFAULT_SETTLE_MS = 250;

export interface RefusedReload {
  readonly at: string;
  readonly problems: readonly string[];
}

/** What the last reload did: loaded a changed tree, found it unchanged, or refused it. */
export interface ReloadReport {
  readonly at: string;
  readonly trigger: string;
  readonly outcome: 'loaded' | 'unchanged' | 'refused';
  readonly problems: readonly string[];
}

/** One version being served, for /readyz. */
export interface ServedVersion {
  readonly id: string;
  readonly version: string;
  readonly effectiveFrom: string;
  readonly status: 'draft' | 'published';
  readonly sha256: string;
  /** Relative to the policies folder. */
  readonly file: string;
  readonly loadedAt: string;
}

interface Served {
  readonly registry: PolicyRegistry;
  readonly fingerprint: string;
  /** When each (file, sha256) was first served; a version unchanged by a reload keeps its time. */
  readonly loadedAt: ReadonlyMap<string, string>;
}

export interface StoreOptions {
  readonly settleMs?: number;
}

const servedKey = (file: string, sha256: string): string => `${file}\u0000${sha256}`;

/**
 * The policies a running service serves. A reload swaps the whole registry at
 * once, so a request keeps the registry it started with. A reload is refused,
 * and the last good registry keeps serving, when any file has a problem, when
 * the files would not hold still, or when it would drop a policy being served.
 */
export class PolicyStore {
  private served: Served;
  private refused: RefusedReload | null = null;
  private last: ReloadReport | null = null;
  /** The fingerprint of the last tree fully considered; null makes the next check reload. */
  private considered: string | null;
  private folders: readonly string[];
  private reloading: Promise<readonly Diagnostic[]> | null = null;
  private reloadAgain: Promise<readonly Diagnostic[]> | null = null;

  private constructor(
    readonly dir: string,
    private readonly settleMs: number,
    served: Served,
    folders: readonly string[],
  ) {
    this.served = served;
    this.considered = served.fingerprint;
    this.folders = folders;
  }

  /** Loads the folder; any problem is returned and no store is made, so a service never starts on a broken or empty folder. */
  static async open(dir: string, options: StoreOptions = {}): Promise<{ store: PolicyStore; diagnostics: readonly [] } | { store: null; diagnostics: readonly Diagnostic[] }> {
    const settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
    const read = await readSettledPolicyFiles(dir, settleMs);
    const { registry, diagnostics } = await buildRegistry(read);
    const problems = diagnostics.length > 0 ? diagnostics : losses(dir, null, registry);
    if (problems.length > 0) return { store: null, diagnostics: problems };
    const now = new Date().toISOString();
    const loadedAt = new Map(servedPolicies(registry).map((policy) => [servedKey(policy.file, policy.ref.sha256), now]));
    return { store: new PolicyStore(dir, settleMs, { registry, fingerprint: read.fingerprint, loadedAt }, read.folders), diagnostics: [] };
  }

  current(): PolicyRegistry {
    return this.served.registry;
  }

  lastRefused(): RefusedReload | null {
    return this.refused;
  }

  lastReload(): ReloadReport | null {
    return this.last;
  }

  /** The folders the last reload read, for a watcher. */
  foldersRead(): readonly string[] {
    return this.folders;
  }

  servedVersions(): ServedVersion[] {
    return servedPolicies(this.served.registry).map((policy) => ({
      ...policy.ref,
      status: policy.status,
      file: relative(this.dir, policy.file),
      loadedAt: this.served.loadedAt.get(servedKey(policy.file, policy.ref.sha256)) ?? '',
    }));
  }

  /**
   * Reloads the folder and returns the problems that refused it, if any. A call
   * during a load waits for it and loads once more (the files may have changed
   * after it read them); calls meanwhile share that second load.
   */
  reload(trigger = 'request'): Promise<readonly Diagnostic[]> {
    if (this.reloading) {
      this.reloadAgain ??= this.reloading.then(() => {
        this.reloadAgain = null;
        return this.reload(trigger);
      });
      return this.reloadAgain;
    }
    // Nothing here throws by design; should it ever, the reload is refused like any other, never left to crash the process.
    const failed = (error: unknown) => this.refuse(trigger, [fileProblem('RELOAD_FAILED', sentence('policy.reloadFailed', { reason: String(error) }), this.dir)]);
    this.reloading = this.load(trigger)
      .catch(failed)
      .finally(() => {
        this.reloading = null;
      });
    return this.reloading;
  }

  /** One cheap read; reloads only when the tree differs from the last one considered. Returns null when nothing changed. */
  async reloadIfChanged(trigger: string): Promise<readonly Diagnostic[] | null> {
    const { fingerprint } = await readPolicyFiles(this.dir);
    // A reload under way (a file-watch event, a SIGHUP) may be reading this very change: compare once it is done.
    while (this.reloading) await this.reloading;
    return fingerprint === this.considered ? null : this.reload(trigger);
  }

  private async load(trigger: string): Promise<readonly Diagnostic[]> {
    const read = await readSettledPolicyFiles(this.dir, this.settleMs);
    this.folders = read.folders;
    // A tree caught mid-write is not considered: the next check reads it again.
    this.considered = read.settled ? read.fingerprint : null;
    if (read.settled && read.fingerprint === this.served.fingerprint) {
      this.refused = null;
      this.report(trigger, 'unchanged', []);
      return [];
    }
    const { registry, diagnostics } = await buildRegistry(read);
    const problems = diagnostics.length > 0 ? diagnostics : losses(this.dir, this.served.registry, registry);
    if (problems.length > 0) return this.refuse(trigger, problems);
    const now = new Date().toISOString();
    const loadedAt = new Map(servedPolicies(registry).map((policy) => [servedKey(policy.file, policy.ref.sha256), this.served.loadedAt.get(servedKey(policy.file, policy.ref.sha256)) ?? now]));
    this.served = { registry, fingerprint: read.fingerprint, loadedAt };
    this.refused = null;
    this.report(trigger, 'loaded', []);
    return [];
  }

  /** Keeps the last good policies and shows why, with paths relative to the policies folder. */
  private refuse(trigger: string, problems: readonly Diagnostic[]): readonly Diagnostic[] {
    const shown = problems.map((diagnostic) => formatDiagnostic({ ...diagnostic, file: relative(this.dir, diagnostic.file) || '.' }));
    this.refused = { at: new Date().toISOString(), problems: shown };
    this.report(trigger, 'refused', shown);
    return problems;
  }

  private report(trigger: string, outcome: ReloadReport['outcome'], problems: readonly string[]): void {
    this.last = { at: new Date().toISOString(), trigger, outcome, problems };
  }
}

function servedPolicies(registry: PolicyRegistry) {
  return registry.ids().flatMap((id) => registry.versions(id) ?? []);
}

/**
 * Terms are never dropped silently: a tree with no policies (a deleted or
 * unmounted folder), or one that drops every version of a policy being
 * served, is refused. Retiring a policy takes a restart (see the README).
 */
function losses(dir: string, before: PolicyRegistry | null, after: PolicyRegistry): Diagnostic[] {
  if (after.ids().length === 0) {
    return [fileProblem('NO_POLICIES', sentence('policy.noPolicies'), dir)];
  }
  return (before?.ids() ?? [])
    .filter((id) => !after.versions(id))
    .map((id) => fileProblem('POLICY_REMOVED', sentence('policy.policyRemoved', { id }), join(dir, id)));
}
