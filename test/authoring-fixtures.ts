// Policy texts for the legal-authoring tests: the bundled policy with edits a
// lawyer makes in YAML (rules that set terms, recurring holidays).
import { basePolicyText } from './helpers.js';

export function edit(text: string, from: string, to: string): string {
  const edited = text.replace(from, to);
  if (edited === text) throw new Error(`fixture edit did not apply: ${from}`);
  return edited;
}

export const TERMS_RULES = `rules:
  - id: enterprise-cap
    clause: "Enterprise addendum 2: cap 250 USD, paid as refund"
    when:
      all:
        - { fact: account, path: $.plan, operator: equal, value: enterprise }
    then:
      outcome: terms
      set:
        caps: { USD: "250.00" }
        remedy: refund
  - id: premium-extra
    clause: "Premium addendum 1: five points more"
    when: { all: [ { fact: account, path: $.plan, operator: equal, value: premium } ] }
    then: { outcome: terms, set: { rebatePercent: { add: 5 } } }
  - id: gold-floor
    when: { all: [ { fact: account, path: $.plan, operator: equal, value: gold } ] }
    then: { outcome: terms, set: { rebatePercent: { atLeast: 25 } } }
  - id: premium-contract-major
    clause: "Premium support: action within 15 minutes"
    when: { all: [ { fact: account, path: $.contract, operator: equal, value: premium } ] }
    then: { outcome: terms, set: { support: { major: { action: { within: PT15M } } } } }
`;

export const termsPolicyText = edit(basePolicyText, 'rules: []\n', TERMS_RULES);

/** Swedish public holidays, Midsummer Eve closed, New Year's Eve a half day, Epiphany worked. */
export const SWEDISH_HOLIDAYS = `    publicHolidays:
      country: SE
      include:
        - name: Midsummer Eve
        - name: New Year's Eve
          openingHours: ["09:00-13:00"]
      exclude:
        - Epiphany
    holidays: []`;

export const withSwedishHolidays = (text: string): string => edit(text, '    holidays: []', SWEDISH_HOLIDAYS);

/** Version 1.1.0, published from 2027-01-01, with the Swedish holidays. */
export const version110Text = withSwedishHolidays(
  edit(edit(edit(basePolicyText, 'version: "1.0.0"', 'version: "1.1.0"'), 'effectiveFrom: "2020-01-01"', 'effectiveFrom: "2027-01-01"'), 'changeNote: First version', 'changeNote: Swedish holidays. First version'),
);
