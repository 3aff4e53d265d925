import * as assert from 'node:assert/strict';
import {
  errorDiagnostics,
  parseJsonnetError,
  placeToRange,
} from '../../../../../src/core/deployment/jsonnet/errorMessage';

// Messages as libjsonnet v0.20 produces them (captured from the engine).
const RUNTIME =
  'RUNTIME ERROR: boom\n\t/ws/lib/rt.libsonnet:3:6-18\tobject <anonymous>\n\t/ws/sub/s.libsonnet:1:6-28\tobject <s>\n\t/ws/main.jsonnet:2:6\tobject <anonymous>\n\tDuring manifestation\t\n';
const STATIC = 'STATIC ERROR: /ws/main.jsonnet:3:9: expected a comma before next array element.\n';
const SPAN =
  'RUNTIME ERROR: field does not exist: foo\n\t/ws/f.jsonnet:1:14-19\tfunction <f>\n\t/ws/f.jsonnet:(2:6)-(4:3)\tobject <anonymous>\n\tDuring manifestation\t\n';

describe('libjsonnet error message → ranges', () => {
  it('parses a static error with its place', () => {
    assert.deepEqual(parseJsonnetError(STATIC), {
      kind: 'static',
      message: 'expected a comma before next array element.',
      places: [{ file: '/ws/main.jsonnet', startLine: 3, startColumn: 9, endLine: 3, endColumn: 9 }],
    });
  });

  it('parses a static error with a (l1:c1)-(l2:c2) span', () => {
    const p = parseJsonnetError(
      'STATIC ERROR: /ws/t.jsonnet:(1:13)-(3:4): Cannot use text blocks in import statements.\n',
    );
    assert.deepEqual(p.places, [
      { file: '/ws/t.jsonnet', startLine: 1, startColumn: 13, endLine: 3, endColumn: 4 },
    ]);
    assert.equal(p.message, 'Cannot use text blocks in import statements.');
  });

  it('parses runtime frames innermost first, skipping frames without a place', () => {
    const p = parseJsonnetError(SPAN);
    assert.equal(p.kind, 'runtime');
    assert.equal(p.message, 'field does not exist: foo');
    assert.deepEqual(p.places, [
      { file: '/ws/f.jsonnet', startLine: 1, startColumn: 14, endLine: 1, endColumn: 19 },
      { file: '/ws/f.jsonnet', startLine: 2, startColumn: 6, endLine: 4, endColumn: 3 },
    ]);
  });

  it('maps 1-based columns with an exclusive end to 0-based ranges, and UTF-8 byte columns to UTF-16', () => {
    const place = { file: 'x', startLine: 1, startColumn: 14, endLine: 1, endColumn: 19 };
    assert.deepEqual(placeToRange(place, undefined), {
      start: { line: 0, character: 13 },
      end: { line: 0, character: 18 },
    });
    // "é" is 2 bytes in UTF-8 and 1 UTF-16 unit: byte column 7 (1-based) is character 5.
    const accented = { file: 'x', startLine: 1, startColumn: 7, endLine: 1, endColumn: 12 };
    assert.deepEqual(placeToRange(accented, '"é": error "x"'), {
      start: { line: 0, character: 5 },
      end: { line: 0, character: 10 },
    });
  });

  it('widens a single point to the token there', () => {
    const place = { file: 'x', startLine: 2, startColumn: 6, endLine: 2, endColumn: 6 };
    assert.deepEqual(placeToRange(place, '{\n  a: value + 1 }'), {
      start: { line: 1, character: 5 },
      end: { line: 1, character: 10 },
    });
  });

  it('puts a runtime error in the failing file and at the innermost frame of the evaluated file', () => {
    const diags = errorDiagnostics(RUNTIME, {
      rootFile: '/ws/main.jsonnet',
      readText: () => undefined,
      importSiteInRoot: () => undefined,
    });
    assert.deepEqual(diags, [
      {
        file: '/ws/lib/rt.libsonnet',
        range: { start: { line: 2, character: 5 }, end: { line: 2, character: 17 } },
        message: 'boom',
        severity: 'error',
        code: 'jsonnet-runtime',
      },
      {
        file: '/ws/main.jsonnet',
        range: { start: { line: 1, character: 5 }, end: { line: 1, character: 6 } },
        message: 'lib/rt.libsonnet:3:6: boom',
        severity: 'error',
        code: 'jsonnet-runtime',
      },
    ]);
  });

  it('puts a syntax error of an imported file also on the import that leads to it', () => {
    const importRange = { start: { line: 0, character: 10 }, end: { line: 0, character: 20 } };
    const diags = errorDiagnostics(
      'STATIC ERROR: /ws/lib.libsonnet:3:9: expected a comma before next array element.\n',
      {
        rootFile: '/ws/main.jsonnet',
        readText: () => undefined,
        importSiteInRoot: (f) => (f === '/ws/lib.libsonnet' ? importRange : undefined),
      },
    );
    assert.deepEqual(
      diags.map((d) => [d.file, d.code, d.range]),
      [
        [
          '/ws/lib.libsonnet',
          'jsonnet-syntax',
          { start: { line: 2, character: 8 }, end: { line: 2, character: 9 } },
        ],
        ['/ws/main.jsonnet', 'jsonnet-syntax', importRange],
      ],
    );
  });

  it('places an error without a location on the first line of the evaluated file', () => {
    const diags = errorDiagnostics(
      'RUNTIME ERROR: function parameter x not bound in call.\n\tTop-level function\t\n',
      {
        rootFile: '/ws/main.jsonnet',
        readText: () => 'function(x)\n  x',
        importSiteInRoot: () => undefined,
      },
    );
    assert.deepEqual(
      diags.map((d) => [d.file, d.message, d.range.end.character]),
      [['/ws/main.jsonnet', 'function parameter x not bound in call.', 11]],
    );
  });
});
