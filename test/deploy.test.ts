import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseShard } from '../src/batch/shard.js';
import { workerCountFromEnv } from '../src/http/cluster.js';
import { configFromEnv } from '../src/http/server.js';
import { loadPolicies } from '../src/registry/load-policies.js';
import { configMapText, policyFiles, POLICIES_CONFIGMAP, POLICIES_VOLUME, withPolicyItems } from '../tools/policies-configmap.js';
import { openApp, runCli } from './helpers.js';

// The container and Kubernetes files, checked against what the service and the CLI actually read.

/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are free-form YAML, checked field by field below */
type Manifest = any;

function manifestFiles(dir = 'deploy'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? manifestFiles(join(dir, entry.name)) : entry.name.endsWith('.yaml') ? [join(dir, entry.name)] : []));
}

const manifests: { file: string; doc: Manifest }[] = manifestFiles().flatMap((file) =>
  parseAllDocuments(readFileSync(file, 'utf8')).map((document) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors.map((error) => error.message).join('; ')}`);
    return { file, doc: document.toJS() };
  }),
);
const ofKind = (kind: string): Manifest[] => manifests.filter(({ doc }) => doc.kind === kind).map(({ doc }) => doc);
const [deployment] = ofKind('Deployment');
const [job] = ofKind('Job');
const [service] = ofKind('Service');
const [budget] = ofKind('PodDisruptionBudget');
const [configMap] = ofKind('ConfigMap');
const envOf = (container: Manifest): Record<string, string> => Object.fromEntries(container.env.filter((variable: Manifest) => 'value' in variable).map((variable: Manifest) => [variable.name, variable.value]));
const mountOf = (container: Manifest, volume: string): string => container.volumeMounts.find((mount: Manifest) => mount.name === volume)?.mountPath;

/** The variables the service reads: configFromEnv and the cluster, watched through a recording environment. */
function variablesTheServiceReads(): Set<string> {
  const read = new Set<string>();
  const recording = new Proxy({}, { get: (_target, name) => (typeof name === 'string' && read.add(name), undefined) });
  configFromEnv(recording);
  workerCountFromEnv(recording);
  return read;
}

describe('deploy/ manifests', () => {
  it('parse, each a named Kubernetes object, the Deployment, Service, budget, ConfigMap and Job among them', () => {
    for (const { file, doc } of manifests.filter(({ file }) => !file.endsWith('kustomization.yaml'))) {
      expect(doc, file).toMatchObject({ apiVersion: expect.any(String), kind: expect.any(String), metadata: { name: expect.any(String) } });
    }
    expect([deployment, job, service, budget, configMap].every(Boolean)).toBe(true);
    const [kustomization] = ofKind('Kustomization');
    for (const resource of kustomization.resources) expect(manifestFiles()).toContain(join('deploy', resource));
  });

  it('are generated from policies/ (run `npm run deploy:policies` after adding a version)', async () => {
    const files = await policyFiles('policies');
    expect(readFileSync('deploy/policies-configmap.yaml', 'utf8')).toBe(configMapText(files));
    for (const file of ['deploy/deployment.yaml', 'deploy/jobs/month-end.yaml']) expect(readFileSync(file, 'utf8'), file).toBe(withPolicyItems(readFileSync(file, 'utf8'), files));
  });

  it('mount a ConfigMap whose files, placed where the items say, load without a problem', async () => {
    for (const template of [deployment.spec.template, job.spec.template]) {
      const volume = template.spec.volumes.find((candidate: Manifest) => candidate.name === POLICIES_VOLUME);
      expect(volume.configMap.name).toBe(configMap.metadata.name);
      expect(configMap.metadata.name).toBe(POLICIES_CONFIGMAP);
      const mounted = mkdtempSync(join(tmpdir(), 'configmap-'));
      for (const { key, path } of volume.configMap.items) {
        mkdirSync(dirname(join(mounted, path)), { recursive: true });
        writeFileSync(join(mounted, path), configMap.data[key]);
      }
      const loaded = await loadPolicies(mounted);
      expect(loaded.diagnostics).toEqual([]);
      expect(loaded.registry.ids()).toEqual((await loadPolicies('policies')).registry.ids());
    }
  });

  it('give the service only variables it reads, with the port, policies folder and workers the pod has', () => {
    const [container] = deployment.spec.template.spec.containers;
    const env = envOf(container);
    const reads = variablesTheServiceReads();
    for (const name of Object.keys(env)) expect(reads, `${name} is set but the service does not read it`).toContain(name);
    const config = configFromEnv(env);
    const port = container.ports.find((candidate: Manifest) => candidate.name === 'http');
    expect(config.port).toBe(port.containerPort);
    expect(config.host).toBe('0.0.0.0');
    expect(config.policiesDir).toBe(mountOf(container, POLICIES_VOLUME));
    const workers = workerCountFromEnv(env);
    expect(workers.ok && workers.workers).toBe(Number(container.resources.limits.cpu));
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
  });

  it('probe routes the service answers, on its port', async () => {
    const [container] = deployment.spec.template.spec.containers;
    const app = await openApp();
    for (const probe of [container.readinessProbe, container.livenessProbe]) {
      expect(container.ports.map((candidate: Manifest) => candidate.name)).toContain(probe.httpGet.port);
      expect((await app.inject({ method: 'GET', url: probe.httpGet.path })).statusCode).toBe(200);
    }
    expect([container.readinessProbe.httpGet.path, container.livenessProbe.httpGet.path]).toEqual(['/readyz', '/healthz']);
    await app.close();
  });

  it('route the Service and the disruption budget to the Deployment pods', () => {
    const labels = deployment.spec.template.metadata.labels;
    expect(deployment.spec.selector.matchLabels).toEqual(labels);
    expect(service.spec.selector).toEqual(labels);
    expect(budget.spec.selector.matchLabels).toEqual(labels);
    expect(budget.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
    const ports = deployment.spec.template.spec.containers[0].ports.map((port: Manifest) => port.name);
    for (const port of service.spec.ports) expect(ports).toContain(port.targetPort);
  });

  it('run the month-end Job as indexed shards that together cover the batch, with options the CLI knows', async () => {
    expect(job.spec.completionMode).toBe('Indexed');
    const [container] = job.spec.template.spec.containers;
    const env = envOf(container);
    expect(Number(env['SHARD_COUNT'])).toBe(job.spec.completions);
    expect(container.env.find((variable: Manifest) => variable.name === 'JOB_COMPLETION_INDEX').valueFrom.fieldRef.fieldPath).toBe("metadata.annotations['batch.kubernetes.io/job-completion-index']");
    expect(container.command).toEqual(['node', 'bin/policy.js']);
    const args: string[] = container.args;
    const after = (option: string) => args[args.indexOf(option) + 1] ?? '';
    for (let index = 0; index < job.spec.completions; index++) {
      const expand = (text: string) => text.replace(/\$\((\w+)\)/g, (_, name: string) => (name === 'JOB_COMPLETION_INDEX' ? String(index) : (env[name] ?? `$(${name})`)));
      expect(parseShard(expand(after('--shard')))).toEqual({ ok: true, shard: { index, count: job.spec.completions } });
      expect(expand(after('--policies'))).toBe(mountOf(container, POLICIES_VOLUME));
      expect(expand(after('--out'))).toMatch(new RegExp(`^${mountOf(container, 'data')}/.*-${index}\\.ndjson$`));
    }
    expect(after('--batch').startsWith(`${mountOf(container, 'data')}/`)).toBe(true);
    const help = (await runCli('evaluate', '--help')).out;
    for (const option of args.filter((arg) => arg.startsWith('--'))) expect(help).toContain(option);
    expect(args[0]).toBe('evaluate');
  });
});

describe('the Dockerfile', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  const instructions = (name: string) => dockerfile.split('\n').filter((line) => line.startsWith(`${name} `));

  it('builds on Node 20 slim in stages and runs the service as a non-root user', () => {
    expect(instructions('FROM').map((line) => line.split(' ')[1])).toEqual(['node:20-slim', 'node:20-slim']);
    expect(instructions('FROM')[0]).toMatch(/ AS build$/);
    const users = instructions('USER');
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/ (root|0)$/);
    expect(instructions('CMD').at(-1)).toBe('CMD ["node", "dist/src/http/main.js"]');
    expect(JSON.parse(readFileSync('package.json', 'utf8')).scripts.start).toBe('node dist/src/http/main.js');
  });

  it('listens where the service does and checks its health on /healthz', () => {
    const port = configFromEnv({ PORT: /PORT=(\d+)/.exec(dockerfile)?.[1] }).port;
    expect(instructions('EXPOSE')).toEqual([`EXPOSE ${port}`]);
    expect(dockerfile).toMatch(/HOST=0\.0\.0\.0/);
    expect(dockerfile).toMatch(/HEALTHCHECK [^\n]*\\\n\s+CMD \["node", "-e", "fetch\('http:\/\/127\.0\.0\.1:' \+ \(process\.env\.PORT \|\| 3000\) \+ '\/healthz'\)/);
  });

  it('copies only what .dockerignore lets through', () => {
    const ignored = readFileSync('.dockerignore', 'utf8').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    const copied = instructions('COPY').filter((line) => !line.includes('--from')).flatMap((line) => line.split(' ').slice(1, -1));
    for (const source of copied) expect(ignored, source).not.toContain(source.replace(/\/$/, ''));
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'src', 'bin', 'policies']));
  });
});
