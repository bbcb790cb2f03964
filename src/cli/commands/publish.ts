import { publishVersion } from '../../authoring/publish-version.js';
import { formatDiagnosticIn } from '../../errors/problem.js';
import { say } from '../../messages/catalog.js';
import { DEFAULT_LANGUAGE } from '../../messages/languages.js';
import type { Language } from '../../messages/languages.js';
import { render } from '../../messages/text.js';
import { describeChangedOutcome } from '../../scenarios/compare-versions.js';
import { describeDifference } from '../../scenarios/differences.js';
import type { Output } from '../output.js';
import { printFailure } from './test.js';

/** `policy publish <id> <version>`: validate, run the cases, show the diff against the superseded version, then mark it published. */
export async function publishCommand(id: string, version: string, options: { policies: string }, output: Output, language: Language = DEFAULT_LANGUAGE): Promise<number> {
  const outcome = await publishVersion(options.policies, id, version);
  switch (outcome.kind) {
    case 'refused':
      outcome.diagnostics.forEach((diagnostic) => output.err(formatDiagnosticIn(diagnostic, language)));
      output.err(say(language, 'cli.notPublished', { reason: render(language, outcome.reason) }));
      return 1;
    case 'cases-fail':
      outcome.failures.forEach((failure) => printFailure(failure, output, language));
      output.err(say(language, 'cli.notPublishedCasesFail', { failed: outcome.failures.length, total: outcome.casesRun, id, version }));
      return 1;
    case 'published': {
      const { superseded, terms, changed, policy } = outcome;
      output.out(say(language, 'cli.casesPassPublished', { count: outcome.casesRun, version }));
      if (superseded) {
        const from = superseded.ref.version;
        output.out(say(language, 'cli.termsDifferFrom', { from, to: version, none: terms.length === 0 ? say(language, 'cli.none') : '' }).trimEnd());
        terms.forEach((difference) => output.out(`  ${describeDifference(difference)}`));
        output.out(say(language, 'cli.outcomesDiffer', { from, to: version, changed: changed.length, total: outcome.casesRun }));
        changed.flatMap((one) => describeChangedOutcome(one, language)).forEach((line) => output.out(line));
      } else {
        output.out(say(language, 'cli.firstInForce', { version }));
      }
      const superseding = superseded ? say(language, 'cli.superseding', { version: superseded.ref.version }) : '';
      output.out(say(language, 'cli.published', { id, version, file: outcome.file, effectiveFrom: policy.ref.effectiveFrom, superseding }));
      return 0;
    }
  }
}
