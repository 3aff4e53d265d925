import { strict as assert } from 'node:assert';
import { detectFormatting, minimalEdit, pointerToPath } from '../../../../../src/core/iam/fixes/textEdit';

describe('fix text edits', () => {
  it('detects two-space, four-space and tab indentation and CRLF line endings', () => {
    assert.deepEqual(detectFormatting('{\n  "a": {\n    "b": 1\n  }\n}'), {
      insertSpaces: true,
      tabSize: 2,
      eol: '\n',
    });
    assert.deepEqual(detectFormatting('{\r\n    "a": 1\r\n}'), {
      insertSpaces: true,
      tabSize: 4,
      eol: '\r\n',
    });
    assert.deepEqual(detectFormatting('{\n\t"a": 1\n}'), { insertSpaces: false, tabSize: 4, eol: '\n' });
    assert.deepEqual(detectFormatting('{"a":1}'), { insertSpaces: true, tabSize: 2, eol: '\n' });
  });

  it('reduces a rewrite to the one changed span', () => {
    assert.deepEqual(minimalEdit('abcXYZdef', 'abc12def'), { offset: 3, length: 3, newText: '12' });
    assert.deepEqual(minimalEdit('same', 'same'), { offset: 4, length: 0, newText: '' });
    assert.deepEqual(minimalEdit('aa', 'aaa'), { offset: 2, length: 0, newText: 'a' });
  });

  it('resolves JSON Pointers below a base path, with escapes, telling indices from digit keys', () => {
    const text = '{"R":{"P":{"Statement":[{"Condition":{"a/b~c":{"0":"x"}}}]}}}';
    assert.deepEqual(pointerToPath(text, ['R', 'P'], '/Statement/0/Condition/a~1b~0c/0'), [
      'R',
      'P',
      'Statement',
      0,
      'Condition',
      'a/b~c',
      '0',
    ]);
    assert.deepEqual(pointerToPath(text, ['R', 'P'], ''), ['R', 'P']);
    assert.equal(pointerToPath(text, ['R', 'P'], '/Statement/1'), undefined);
    assert.equal(pointerToPath(text, ['R', 'P'], '/Statement/x'), undefined);
  });
});
