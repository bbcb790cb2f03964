import { formatDiagnostic } from '../errors/problem.js';
import type { Diagnostic } from '../errors/problem.js';
import { loadPolicies } from './load-policies.js';
import type { PolicyRegistry } from './policy-registry.js';

export interface RefusedReload {
  readonly at: string;
  readonly problems: readonly string[];
}

/**
 * The policies a running service serves. A reload swaps the whole registry at
 * once, so a request keeps the registry it started with; a reload with any
 * problem is refused and the last good registry keeps serving.
 */
export class PolicyStore {
  private registry: PolicyRegistry;
  private refused: RefusedReload | null = null;
  private reloading: Promise<readonly Diagnostic[]> | null = null;
  private reloadAgain: Promise<readonly Diagnostic[]> | null = null;

  private constructor(
    readonly dir: string,
    registry: PolicyRegistry,
  ) {
    this.registry = registry;
  }

  /** Loads the folder; any problem is returned and no store is made, so a service never starts on a broken folder. */
  static async open(dir: string): Promise<{ store: PolicyStore; diagnostics: readonly [] } | { store: null; diagnostics: readonly Diagnostic[] }> {
    const { registry, diagnostics } = await loadPolicies(dir);
    return diagnostics.length > 0 ? { store: null, diagnostics } : { store: new PolicyStore(dir, registry), diagnostics: [] };
  }

  current(): PolicyRegistry {
    return this.registry;
  }

  lastRefused(): RefusedReload | null {
    return this.refused;
  }

  /**
   * Reloads the folder and returns the problems that refused it, if any. A call
   * during a load waits for it and loads once more (the files may have changed
   * after it read them); calls meanwhile share that second load.
   */
  reload(): Promise<readonly Diagnostic[]> {
    if (this.reloading) {
      this.reloadAgain ??= this.reloading.then(() => {
        this.reloadAgain = null;
        return this.reload();
      });
      return this.reloadAgain;
    }
    this.reloading = this.load().finally(() => {
      this.reloading = null;
    });
    return this.reloading;
  }

  private async load(): Promise<readonly Diagnostic[]> {
    const { registry, diagnostics } = await loadPolicies(this.dir);
    if (diagnostics.length > 0) {
      this.refused = { at: new Date().toISOString(), problems: diagnostics.map(formatDiagnostic) };
      return diagnostics;
    }
    this.registry = registry;
    this.refused = null;
    return [];
  }
}
