// The `path` of a rule condition: plain attribute names and list positions,
// read the same way by validation and by the engine. JSONPath filters and
// recursive descent are not offered: a term reads one attribute, and a path
// like `$..*..*` costs seconds per request on a large account.

export type MemberPath = readonly (string | number)[];

const STEP = /\.([A-Za-z_][A-Za-z0-9_]*)|\[(0|[1-9][0-9]{0,8})\]/y;

/** `$.plan` → ['plan'], `$.tags[0]` → ['tags', 0]; null for anything else. */
export function parseMemberPath(text: string): MemberPath | null {
  if (!text.startsWith('$') || text.length === 1) return null;
  const steps: (string | number)[] = [];
  STEP.lastIndex = 1;
  while (STEP.lastIndex < text.length) {
    const match = STEP.exec(text);
    if (!match) return null;
    steps.push(match[1] ?? Number(match[2]));
  }
  return steps;
}

/** The value at a path, reading own properties only (never a prototype's); undefined when absent. */
export function readMemberPath(value: unknown, path: MemberPath): unknown {
  let current = value;
  for (const step of path) {
    if (typeof step === 'number' ? !Array.isArray(current) : current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current as object, step)) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}
