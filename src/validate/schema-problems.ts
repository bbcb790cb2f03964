import type { ErrorObject } from 'ajv';
import { describePath, problem } from '../errors/problem.js';
import type { JsonPath, Problem } from '../errors/problem.js';
import type { MessageKey } from '../messages/catalog.js';
import { text } from '../messages/text.js';
import type { Text, TextValue } from '../messages/text.js';
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

const kindKeys: Record<string, MessageKey> = {
  string: 'schema.kind.string',
  number: 'schema.kind.number',
  integer: 'schema.kind.integer',
  boolean: 'schema.kind.boolean',
  array: 'schema.kind.array',
  object: 'schema.kind.object',
  null: 'schema.kind.null',
};

function kindOf(value: unknown): Text {
  if (value === null || value === undefined) return text('schema.kind.null');
  if (Array.isArray(value)) return text('schema.kind.array');
  if (typeof value === 'object') return text('schema.kind.object');
  if (typeof value === 'number') return text(Number.isInteger(value) ? 'schema.kind.integer' : 'schema.kind.number');
  if (typeof value === 'boolean') return text('schema.kind.boolean');
  return text('schema.kind.string');
}

/** The kind a schema asks for: one type, or several joined by "or". */
function expectedKind(type: unknown): TextValue {
  const names = Array.isArray(type) ? type.map(String) : [String(type)];
  const kinds: TextValue[] = names.map((name) => (kindKeys[name] ? text(kindKeys[name]) : name));
  return kinds.reduce((first, second) => text('schema.or', { first, second }));
}

/** Values are echoed back in messages, so only their first characters: a message never grows with the input. */
const SHOWN_CHARACTERS = 60;

function show(value: unknown): TextValue {
  return clip(written(value));
}

/** A value of the schema itself (an allowed value, an example): short, so never clipped. */
function written(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value));
}

export function clip(shown: string, limit = SHOWN_CHARACTERS): TextValue {
  return shown.length <= limit ? shown : text('problem.truncated', { start: shown.slice(0, limit), length: shown.length });
}

function examplesOf(error: ErrorObject): TextValue | undefined {
  const examples = (error.parentSchema as { examples?: unknown[] } | undefined)?.examples;
  return examples && examples.length > 0 ? (examples.map(written) as TextValue[]).reduce((first, second) => text('schema.or', { first, second })) : undefined;
}

/** Plain-language problems from ajv's errors, each at the key or value it is about. */
export function schemaProblems(errors: readonly ErrorObject[], rootName: Text = text('schema.root.file')): Problem[] {
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
    const limit = Number(params['limit']);
    switch (error.keyword) {
      case 'additionalProperties': {
        const key = String(params['additionalProperty']);
        const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
        const message = allowed.length > 0 ? text('schema.unknownKeyAllowed', { key: show(key), where, allowed: allowed.join(', ') }) : text('schema.unknownKey', { key: show(key), where });
        problems.push(problem('SCHEMA_UNKNOWN_KEY', message, [...path, key], true));
        break;
      }
      case 'required':
        problems.push(problem('SCHEMA_MISSING_KEY', text('schema.missingKey', { where, key: String(params['missingProperty']) }), path, true));
        break;
      case 'type':
        problems.push(problem('SCHEMA_WRONG_TYPE', text('schema.wrongType', { where, expected: expectedKind(params['type']), actual: kindOf(error.data) }), path));
        break;
      case 'enum':
        problems.push(problem('SCHEMA_INVALID_VALUE', text('schema.enum', { where, allowed: (params['allowedValues'] as unknown[]).map(written).join(', ') }), path));
        break;
      case 'pattern': {
        if (error.propertyName !== undefined) {
          problems.push(problem('SCHEMA_INVALID_VALUE', text('schema.nameForm', { name: show(error.propertyName), where }), [...path, error.propertyName], true));
          break;
        }
        const examples = examplesOf(error);
        const value = show(error.data);
        problems.push(problem('SCHEMA_INVALID_VALUE', examples === undefined ? text('schema.form', { where, value }) : text('schema.formWithExamples', { where, value, examples }), path));
        break;
      }
      case 'propertyNames':
        break; // ajv reports the offending name through the nested `pattern` error that follows
      case 'dependentRequired':
        problems.push(problem('SCHEMA_MISSING_KEY', text('schema.missingKeyNeeded', { where, key: String(params['missingProperty']), property: String(params['property']) }), path, true));
        break;
      case 'if':
        break; // the failed `then` or `else` that follows says what is missing
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        problems.push(problem('SCHEMA_INVALID_VALUE', text(`schema.${error.keyword}`, { where, limit: String(params['limit']) }), path));
        break;
      case 'minItems':
      case 'maxItems':
      case 'minProperties':
      case 'maxLength':
        problems.push(problem('SCHEMA_INVALID_VALUE', text(`schema.${error.keyword}`, { where, limit }), path));
        break;
      case 'uniqueItems':
        problems.push(problem('SCHEMA_INVALID_VALUE', text('schema.uniqueItems', { where, first: String(params['j']), second: String(params['i']) }), path));
        break;
      case 'minLength':
        problems.push(problem('SCHEMA_INVALID_VALUE', text('schema.minLength', { where }), path));
        break;
      default:
        problems.push(problem('SCHEMA_INVALID_VALUE', text('schema.other', { where, reason: error.message ?? text('schema.notAllowed') }), path));
    }
  }
  return problems;
}
