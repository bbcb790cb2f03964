import { _, str } from 'ajv';
import type { CodeKeywordDefinition, KeywordCxt } from 'ajv';

/** Characters as JSON Schema counts them: code points, a surrogate pair being one. */
function codePoints(text: string): number {
  let count = 0;
  for (const _codePoint of text) count++;
  return count;
}

/**
 * minLength and maxLength with ajv's meaning and errors, counting a string's
 * code points only when its length cannot decide alone. A string has at least
 * half as many code points as UTF-16 units and at most as many, so most strings
 * are judged by `.length`; ajv's own keyword counts the code points of every
 * string, and a request has dozens of them.
 */
export const stringLengthKeywords: CodeKeywordDefinition = {
  keyword: ['maxLength', 'minLength'],
  type: 'string',
  schemaType: 'number',
  $data: true,
  error: {
    message: ({ keyword, schemaCode }) => str`must NOT have ${keyword === 'maxLength' ? 'more' : 'fewer'} than ${schemaCode} characters`,
    params: ({ schemaCode }) => _`{limit: ${schemaCode}}`,
  },
  code(cxt: KeywordCxt) {
    const { keyword, data, schemaCode, gen } = cxt;
    const count = gen.scopeValue('func', { ref: codePoints });
    cxt.fail$data(
      keyword === 'maxLength'
        ? _`${data}.length > ${schemaCode} && ${count}(${data}) > ${schemaCode}`
        : _`${data}.length < ${schemaCode} || (${data}.length < 2 * ${schemaCode} && ${count}(${data}) < ${schemaCode})`,
    );
  },
};
