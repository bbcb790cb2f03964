import type { ErrorObject } from 'ajv';
import { describePath, problem } from '../errors/problem.js';
import type { JsonPath, Problem } from '../errors/problem.js';
import { valueFixMessage } from './value-fix-messages.js';

/** ajv's instancePath is a JSON pointer; turn it back into keys and indexes. */
export function pointerToPath(pointer: string): JsonPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}

const typeNames: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a block of keys',
  null: 'empty',
};

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a block of keys';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  if (typeof value === 'boolean') return 'true or false';
  return 'text';
}

/** Values are echoed back in messages, so only their first characters: a message never grows with the input. */
const SHOWN_CHARACTERS = 60;

function show(value: unknown): string {
  return clip(typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value)));
}

export function clip(text: string, limit = SHOWN_CHARACTERS): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length} characters)`;
}

function examplesOf(error: ErrorObject): string {
  const examples = (error.parentSchema as { examples?: unknown[] } | undefined)?.examples;
  return examples && examples.length > 0 ? ` (for example ${examples.map(show).join(' or ')})` : '';
}

/** Plain-language problems from ajv's errors, each at the key or value it is about. */
export function schemaProblems(errors: readonly ErrorObject[], rootName = 'the file'): Problem[] {
  const problems: Problem[] = [];
  for (const error of errors) {
    const path = pointerToPath(error.instancePath);
    const where = describePath(path, rootName);
    const params = error.params as Record<string, unknown>;
    const fix = error.keyword === 'type' || (error.keyword === 'pattern' && error.propertyName === undefined) ? valueFixMessage(error, path, where) : null;
    if (fix) {
      problems.push(problem(error.keyword === 'type' ? 'SCHEMA_WRONG_TYPE' : 'SCHEMA_INVALID_VALUE', fix, path));
      continue;
    }
    switch (error.keyword) {
      case 'additionalProperties': {
        const key = String(params['additionalProperty']);
        const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
        const hint = allowed.length > 0 ? `; allowed here: ${allowed.join(', ')}` : '';
        problems.push(problem('SCHEMA_UNKNOWN_KEY', `unknown key ${show(key)} in ${where}${hint}`, [...path, key], true));
        break;
      }
      case 'required':
        problems.push(problem('SCHEMA_MISSING_KEY', `${where} is missing the key "${String(params['missingProperty'])}"`, path, true));
        break;
      case 'type':
        problems.push(problem('SCHEMA_WRONG_TYPE', `${where} must be ${typeNames[String(params['type'])] ?? String(params['type'])}, not ${kindOf(error.data)}`, path));
        break;
      case 'enum':
        problems.push(problem('SCHEMA_INVALID_VALUE', `${where} must be one of: ${(params['allowedValues'] as unknown[]).map(show).join(', ')}`, path));
        break;
      case 'pattern':
        if (error.propertyName !== undefined) {
          problems.push(problem('SCHEMA_INVALID_VALUE', `the name ${show(error.propertyName)} in ${where} is not in the expected form: lower case letters, digits and dashes`, [...path, error.propertyName], true));
          break;
        }
        problems.push(problem('SCHEMA_INVALID_VALUE', `${where} ${show(error.data)} is not in the expected form${examplesOf(error)}`, path));
        break;
      case 'propertyNames':
        break; // ajv reports the offending name through the nested `pattern` error that follows
      case 'dependentRequired':
        problems.push(problem('SCHEMA_MISSING_KEY', `${where} is missing the key "${String(params['missingProperty'])}", needed with "${String(params['property'])}"`, path, true));
        break;
      case 'if':
        break; // the failed `then` or `else` that follows says what is missing
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        problems.push(problem('SCHEMA_INVALID_VALUE', `${where} must be ${comparisonWords[error.keyword]} ${String(params['limit'])}`, path));
        break;
      case 'minItems':
        problems.push(problem('SCHEMA_INVALID_VALUE', `${where} must list at least ${String(params['limit'])} item(s)`, path));
        break;
      case 'maxItems':
        problems.push(problem('SCHEMA_INVALID_VALUE', `${where} must list at most ${String(params['limit'])} item(s)`, path));
        break;
      case 'minProperties':
        problems.push(problem('SCHEMA_INVALID_VALUE', `${where} must have at least ${String(params['limit'])} entry`, path));
        break;
      case 'uniqueItems':
        problems.push(problem('SCHEMA_INVALID_VALUE', `${where} lists the same value twice (items ${String(params['j'])} and ${String(params['i'])})`, path));
        break;
      case 'minLength':
        problems.push(problem('SCHEMA_INVALID_VALUE', `${where} must not be empty`, path));
        break;
      case 'maxLength':
        problems.push(problem('SCHEMA_INVALID_VALUE', `${where} must be at most ${String(params['limit'])} characters`, path));
        break;
      default:
        problems.push(problem('SCHEMA_INVALID_VALUE', `${where} ${error.message ?? 'is not allowed'}`, path));
    }
  }
  return problems;
}

const comparisonWords: Record<string, string> = {
  minimum: 'at least',
  maximum: 'at most',
  exclusiveMinimum: 'more than',
  exclusiveMaximum: 'less than',
};
