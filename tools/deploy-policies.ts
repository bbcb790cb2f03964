// Writes deploy/policies-configmap.yaml from policies/ and lists its keys in the pod templates' policies volume.
import { readFileSync, writeFileSync } from 'node:fs';
import { configMapText, policyFiles, withPolicyItems } from './policies-configmap.js';

export const MANIFESTS_WITH_POLICIES = ['deploy/deployment.yaml', 'deploy/jobs/month-end.yaml'];

const files = await policyFiles('policies');
writeFileSync('deploy/policies-configmap.yaml', configMapText(files));
for (const manifest of MANIFESTS_WITH_POLICIES) writeFileSync(manifest, withPolicyItems(readFileSync(manifest, 'utf8'), files));
console.log(`wrote deploy/policies-configmap.yaml (${files.length} policy file(s)) and the volume items of ${MANIFESTS_WITH_POLICIES.join(', ')}`);
