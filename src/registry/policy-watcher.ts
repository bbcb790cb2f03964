import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import type { PolicyStore } from './policy-store.js';

/** How often the whole tree is re-read and hashed, whatever the file-watch events say. */
export const DEFAULT_POLL_MS = 2000;
const MIN_POLL_MS = 100;
/** File-watch events come in bursts (an editor's save is several); check once they pause. */
const EVENT_PAUSE_MS = 100;

/** The structured logger's calls the watcher needs (pino's shape). */
export interface ReloadLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** POLICIES_POLL_MS as a whole number of milliseconds; the default when unset or not a number. */
export function pollIntervalFrom(milliseconds: number | undefined): number {
  return milliseconds === undefined ? DEFAULT_POLL_MS : Math.max(MIN_POLL_MS, milliseconds);
}

/**
 * Keeps a store in step with its folder. The poll is what makes a reload
 * certain: every `pollMs` the tree is read and hashed, and any difference
 * reloads. File-watch events only make it sooner; they are known to be lost
 * (a watched folder replaced by a rename, a ConfigMap's `..data` symlink
 * swapped), so after every reload the watches are set again on the folders
 * actually read, symlinks followed.
 */
export class PolicyWatcher {
  private readonly watchers: FSWatcher[] = [];
  private readonly poll: NodeJS.Timeout;
  private pause: NodeJS.Timeout | undefined;
  private closed = false;
  private polling = false;
  private logged: ReturnType<PolicyStore['lastReload']> = null;

  constructor(
    private readonly store: PolicyStore,
    private readonly log: ReloadLog,
    pollMs: number,
    /** Told of every reload that loaded or was refused (metrics count them). */
    private readonly reported: (outcome: 'loaded' | 'refused') => void = () => undefined,
  ) {
    this.watchFolders();
    this.poll = setInterval(() => void this.pollOnce(), pollMs);
  }

  /** A reload asked for (SIGHUP): always reads the files, whatever the poll last saw. */
  reload(trigger: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.settle(trigger, this.store.reload(trigger));
  }

  close(): void {
    this.closed = true;
    clearInterval(this.poll);
    clearTimeout(this.pause);
    this.unwatch();
  }

  /** A slow read (a busy disk) must not stack polls on top of each other. */
  private async pollOnce(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    await this.check('poll').finally(() => {
      this.polling = false;
    });
  }

  private check(trigger: string): Promise<void> {
    return this.settle(trigger, this.store.reloadIfChanged(trigger));
  }

  private async settle(trigger: string, reloading: Promise<unknown>): Promise<void> {
    try {
      if ((await reloading) === null) return;
    } catch (error) {
      this.log.error({ trigger, error: String(error) }, 'policy reload failed; the last good policies keep serving');
      return;
    }
    if (this.closed) return;
    this.watchFolders();
    const report = this.store.lastReload();
    // Requests that shared one reload share its report: log it once.
    if (report === this.logged) return;
    this.logged = report;
    if (report?.outcome === 'refused' || report?.outcome === 'loaded') this.reported(report.outcome);
    if (report?.outcome === 'refused') {
      this.log.error({ trigger, problems: report.problems }, 'policy reload refused; the last good policies keep serving');
    } else if (report?.outcome === 'loaded') {
      this.log.info({ trigger, policies: this.store.servedVersions().map((served) => `${served.id}@${served.version}`) }, 'policies reloaded');
    }
  }

  private watchFolders(): void {
    this.unwatch();
    for (const folder of this.store.foldersRead()) {
      try {
        const watcher = watch(folder, { persistent: false }, () => this.changed());
        // A watched folder that vanishes reports an error; the poll and the next reload take over.
        watcher.on('error', () => watcher.close());
        this.watchers.push(watcher);
      } catch {
        // The folder is gone or unreadable: the poll sees the tree without it.
      }
    }
  }

  private unwatch(): void {
    for (const watcher of this.watchers.splice(0)) watcher.close();
  }

  private changed(): void {
    clearTimeout(this.pause);
    this.pause = setTimeout(() => void this.check('file change'), EVENT_PAUSE_MS);
  }
}
