// The policies as a Kubernetes ConfigMap, and the volume items that put each key
// back at <id>/<version>.yaml (a ConfigMap key cannot hold "/"). Used by
// `npm run deploy:policies`, and by a test that fails when deploy/ drifts from policies/.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isSeq, parseAllDocuments, stringify } from 'yaml';

export const POLICIES_VOLUME = 'policies';
export const POLICIES_CONFIGMAP = 'policies';

export interface PolicyFile {
  /** The ConfigMap key: `<id>__<version>.yaml`. */
  readonly key: string;
  /** Where the file sits under POLICIES_DIR: `<id>/<version>.yaml`. */
  readonly path: string;
  readonly text: string;
}

export async function policyFiles(dir: string): Promise<PolicyFile[]> {
  const files: PolicyFile[] = [];
  for (const id of (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()) {
    for (const name of (await readdir(join(dir, id))).filter((file) => /\.ya?ml$/.test(file)).sort()) {
      files.push({ key: `${id}__${name}`, path: `${id}/${name}`, text: await readFile(join(dir, id, name), 'utf8') });
    }
  }
  return files;
}

export function configMapText(files: readonly PolicyFile[]): string {
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: POLICIES_CONFIGMAP, labels: { 'app.kubernetes.io/name': 'policy-evaluator' } },
    data: Object.fromEntries(files.map((file) => [file.key, file.text])),
  };
  return `# Generated from policies/ by \`npm run deploy:policies\`; do not edit here.\n${stringify(configMap, { lineWidth: 0 })}`;
}

/** The manifests' text with the policies volume of every pod template listing exactly these files. */
export function withPolicyItems(manifests: string, files: readonly PolicyFile[]): string {
  const documents = parseAllDocuments(manifests);
  if (!Array.isArray(documents)) return manifests;
  for (const document of documents) {
    const volumes = document.getIn(['spec', 'template', 'spec', 'volumes'], true);
    if (!isSeq(volumes)) continue;
    for (const volume of volumes.items) {
      if (!isMap(volume) || volume.get('name') !== POLICIES_VOLUME) continue;
      volume.setIn(['configMap', 'items'], document.createNode(files.map(({ key, path }) => ({ key, path }))));
    }
  }
  return documents.map((document) => document.toString({ lineWidth: 0 })).join('');
}
