import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyPolicies, runCli } from './helpers.js';

describe('policy validate', () => {
  it('prints one summary line per policy and exits 0', async () => {
    const result = await runCli('validate');
    expect(result).toEqual({ code: 0, out: 'clicksend-sla: 1 version(s): 1.0.0 (published, from 2020-01-01)\n49 scenario case(s) checked', err: '' });
  });

  const edits: Record<string, { text: string; code: string }> = {
    'a duplicate key': { text: 'status: draft\n', code: 'YAML_DUPLICATE_KEY' },
    'an unknown key': { text: 'reviewedBy: legal\n', code: 'SCHEMA_UNKNOWN_KEY' },
    'a YAML syntax error': { text: 'title: "unclosed\n', code: 'YAML_SYNTAX' },
  };
  for (const [what, { text, code }] of Object.entries(edits)) {
    it(`names the file at the line of ${what} appended to the policy`, async () => {
      const dir = copyPolicies();
      const file = join(dir, 'clicksend-sla', '1.0.0.yaml');
      const editLine = readFileSync(file, 'utf8').split('\n').length;
      appendFileSync(file, text);
      const result = await runCli('validate', dir);
      expect(result.code).toBe(1);
      expect(result.err).toContain(`${file}:${editLine}:1 ${code} `);
    });
  }

  it('documents every command in --help, each on a line of its own that starts with its name and describes it', async () => {
    const result = await runCli('--help');
    const listed = result.out.split('Commands:\n')[1]?.split('\n').map((line) => /^ {2}(\S+).*\s{2,}(\S.*)$/.exec(line)) ?? [];
    const described = new Map(listed.flatMap((match) => (match?.[1] && match[2] ? [[match[1], match[2]] as const] : [])));
    expect([...described.keys()]).toEqual(['validate', 'evaluate', 'test', 'new', 'publish', 'diff', 'replay', 'serve', 'help']);
    for (const text of described.values()) expect(text.length).toBeGreaterThan(20);
  });
});

describe('policy evaluate', () => {
  it('prints the decision for a case file', async () => {
    const result = await runCli('evaluate', 'examples/typical-month.json');
    expect(result.code).toBe(0);
    const decision = JSON.parse(result.out);
    expect(decision.rebate).toMatchObject({ downtimeMinutes: 415, rebatePercent: 5, amount: '24.00', eligible: true });
    expect(decision.support.map((ticket: { id: string }) => ticket.id)).toEqual(['T-1', 'T-2']);
  });

  it('points a refused fact at its line in the case file', async () => {
    const dir = copyPolicies();
    const caseFile = join(dir, 'case.yaml');
    appendFileSync(caseFile, 'policy: clicksend-sla\nfacts:\n  period: "2026-10"\n  incidents:\n    - { id: a, start: "2026-10-01T00:00:00Z", end: "2026-10-01T01:00:00Z", cause: aliens }\n');
    const result = await runCli('evaluate', caseFile);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(new RegExp(`^${caseFile}:5:\\d+ UNKNOWN_CAUSE the cause "aliens"`));
  });
});
