import { localDay } from '../compile/zone-transitions.js';
import { epochDayOfCivil } from '../model/civil-date.js';
import type { CompiledPolicy } from '../compile/compiled-policy.js';

/** Every loaded version by policy id; published versions are chosen by date, drafts only by name. */
export class PolicyRegistry {
  private readonly byId = new Map<string, CompiledPolicy[]>();
  private readonly effectiveDays = new Map<CompiledPolicy, number>();

  constructor(policies: readonly CompiledPolicy[]) {
    for (const policy of policies) {
      this.effectiveDays.set(policy, epochDay(policy.ref.effectiveFrom));
      const versions = this.byId.get(policy.ref.id) ?? [];
      versions.push(policy);
      this.byId.set(policy.ref.id, versions);
    }
    for (const versions of this.byId.values()) {
      versions.sort((a, b) => a.ref.effectiveFrom.localeCompare(b.ref.effectiveFrom) || a.ref.version.localeCompare(b.ref.version));
    }
  }

  ids(): string[] {
    return [...this.byId.keys()].sort();
  }

  /** All versions of a policy, oldest effective date first; undefined for an unknown id. */
  versions(id: string): readonly CompiledPolicy[] | undefined {
    return this.byId.get(id);
  }

  version(id: string, version: string): CompiledPolicy | undefined {
    return this.byId.get(id)?.find((policy) => policy.ref.version === version);
  }

  /** The published version in force on the first day of a service period (YYYY-MM). */
  inForceForPeriod(id: string, period: string): CompiledPolicy | undefined {
    const day = epochDay(`${period}-01`);
    return this.latestPublished(id, () => day);
  }

  /** The published version in force at an instant, read as a date in each version's own time zone. */
  inForceAt(id: string, instantMs: number): CompiledPolicy | undefined {
    return this.latestPublished(id, (policy) => localDay(policy.periodZone, instantMs));
  }

  /** Dates compared as days since 1970-01-01: effectiveFrom is a plain date, so its day is the same in every zone. */
  private latestPublished(id: string, dayFor: (policy: CompiledPolicy) => number): CompiledPolicy | undefined {
    const versions = this.byId.get(id) ?? [];
    for (let index = versions.length - 1; index >= 0; index--) {
      const policy = versions[index];
      if (policy && policy.status === 'published' && (this.effectiveDays.get(policy) ?? Infinity) <= dayFor(policy)) return policy;
    }
    return undefined;
  }
}

/** Days since 1970-01-01 of a date YYYY-MM-DD (validated before it gets here). */
function epochDay(date: string): number {
  return epochDayOfCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}
