import { publishVersion } from '../../authoring/publish-version.js';
import { formatDiagnostic } from '../../errors/problem.js';
import { describeChangedOutcome } from '../../scenarios/compare-versions.js';
import { describeDifference } from '../../scenarios/differences.js';
import type { Output } from '../output.js';
import { printFailure } from './test.js';

/** `policy publish <id> <version>`: validate, run the cases, show the diff against the superseded version, then mark it published. */
export async function publishCommand(id: string, version: string, options: { policies: string }, output: Output): Promise<number> {
  const outcome = await publishVersion(options.policies, id, version);
  switch (outcome.kind) {
    case 'refused':
      outcome.diagnostics.forEach((diagnostic) => output.err(formatDiagnostic(diagnostic)));
      output.err(`not published: ${outcome.reason}`);
      return 1;
    case 'cases-fail':
      outcome.failures.forEach((failure) => printFailure(failure, output));
      output.err(`not published: ${outcome.failures.length} of ${outcome.casesRun} case(s) fail once ${id} ${version} is published; update them (or pin them with version:) and run publish again`);
      return 1;
    case 'published': {
      const { superseded, terms, changed, policy } = outcome;
      output.out(`${outcome.casesRun} case(s) pass with ${version} published.`);
      if (superseded) {
        output.out(`Terms that differ from ${superseded.ref.version} to ${version}: ${terms.length === 0 ? 'none' : ''}`.trimEnd());
        terms.forEach((difference) => output.out(`  ${describeDifference(difference)}`));
        output.out(`Outcomes that differ (${superseded.ref.version} | ${version}): ${changed.length} of ${outcome.casesRun} case(s)`);
        changed.flatMap(describeChangedOutcome).forEach((line) => output.out(line));
      } else {
        output.out(`${version} supersedes no published version: it is the first in force.`);
      }
      output.out(`published ${id} ${version} (${outcome.file}), in force from ${policy.ref.effectiveFrom}${superseded ? `, superseding ${superseded.ref.version}` : ''}; a running service takes it up on its next reload`);
      return 0;
    }
  }
}
