import { randomUUID } from 'node:crypto';
import { formatDiagnosticIn } from '../../errors/problem.js';
import { askedLanguage, DEFAULT_LANGUAGE } from '../../messages/languages.js';
import type { Language } from '../../messages/languages.js';
import { evaluate } from '../../evaluate/evaluate.js';
import { serializeDecision } from '../../evaluate/serialize-decision.js';
import { readRequest } from '../../evaluate/request.js';
import { loadPolicies } from '../../registry/load-policies.js';
import type { Output } from '../output.js';
import { readDataFile } from '../../load/data-file.js';

/** Prints the decision the endpoint would give for a request body kept in a JSON or YAML file. */
export async function evaluateCommand(caseFile: string, options: { policies: string; pretty: boolean }, output: Output, language: Language = DEFAULT_LANGUAGE): Promise<number> {
  const read = await readDataFile(caseFile);
  if (!read.ok) {
    read.problems.forEach((problem) => output.err(formatDiagnosticIn(problem, language)));
    return 1;
  }
  const { registry, diagnostics } = await loadPolicies(options.policies);
  if (diagnostics.length > 0) {
    diagnostics.forEach((diagnostic) => output.err(formatDiagnosticIn(diagnostic, language)));
    return 1;
  }
  // The file's own `lang` wins, as it does in a request body: for its errors too.
  const fileLanguage = askedLanguage(read.source.value) ?? language;
  const request = readRequest(read.source.value);
  const result = request.ok ? await evaluate(registry, request.request, { now: Date.now(), decisionId: randomUUID(), language: fileLanguage }) : request;
  if (!result.ok) {
    result.problems.forEach((problem) => output.err(formatDiagnosticIn(read.source.place(problem), fileLanguage)));
    return 1;
  }
  output.out(options.pretty ? JSON.stringify(result.decision, null, 2) : serializeDecision(result.decision));
  return 0;
}
