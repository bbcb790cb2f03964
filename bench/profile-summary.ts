// Self time of a V8 CPU profile (`node --cpu-prof`), added up by where the code
// lives: each src/ module, each package in node_modules, node's own internals.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly url: string; readonly functionName: string };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Where a function's code lives: "src/evaluate/rebate.ts", "decimal.js", "node:internal", "(garbage collector)". */
export function moduleOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage?.[1]) return inPackage[1];
  const inProject = /\/dist\/((?:src|bench)\/.+)\.js$/.exec(url);
  if (inProject?.[1]) return `${inProject[1]}.ts`;
  return url.startsWith('node:') ? 'node:internal' : url;
}

/** Share of the sampled time per module, largest first, leaving out the first `skipMicros` (start-up and warm-up). */
export function selfTimeByModule(path: string, skipMicros = 0): { module: string; share: number }[] {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const moduleById = new Map(profile.nodes.map((node) => [node.id, moduleOf(node.callFrame.url, node.callFrame.functionName)]));
  const byModule = new Map<string, number>();
  let total = 0;
  let elapsed = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    elapsed += delta;
    if (elapsed < skipMicros) return;
    const module = moduleById.get(id) ?? '(unknown)';
    byModule.set(module, (byModule.get(module) ?? 0) + delta);
    total += delta;
  });
  return [...byModule].map(([module, time]) => ({ module, share: total > 0 ? time / total : 0 })).sort((a, b) => b.share - a.share);
}
