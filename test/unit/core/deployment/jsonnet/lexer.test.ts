import * as assert from 'node:assert/strict';
import { lex } from '../../../../../src/core/deployment/jsonnet/lexer';
import { findExtVarCalls, findImports } from '../../../../../src/core/deployment/jsonnet/references';

const imports = (text: string) =>
  findImports(lex(text)).map((i) => [i.kind, i.path, text.slice(i.offset, i.offset + i.length)]);

describe('jsonnet lexer', () => {
  it('finds import, importstr and importbin with the range of the string literal', () => {
    const text = `local a = import "a.libsonnet";\nlocal b = importstr 'b.txt';\nlocal c = importbin @"c\\bin";\n{}`;
    assert.deepEqual(imports(text), [
      ['import', 'a.libsonnet', '"a.libsonnet"'],
      ['importstr', 'b.txt', "'b.txt'"],
      ['importbin', 'c\\bin', '@"c\\bin"'],
    ]);
  });

  it('ignores imports inside //, # and /* */ comments', () => {
    const text = `// import "x1"\n# import "x2"\n/* import "x3"\n import "x4" */\nimport "real"`;
    assert.deepEqual(imports(text), [['import', 'real', '"real"']]);
  });

  it('ignores imports inside quoted, verbatim and text-block strings', () => {
    const text = [
      `local s = "import \\"x1\\"";`,
      `local v = @'import ''x2''';`,
      `local t = |||`,
      `  import "x3"`,
      `  // not a comment`,
      `|||;`,
      `import 'real'`,
    ].join('\n');
    assert.deepEqual(imports(text), [['import', 'real', "'real'"]]);
    const block = lex(text).tokens.find((t) => t.style === 'block')!;
    assert.equal(block.value, 'import "x3"\n// not a comment\n');
  });

  it('decodes escapes in double-quoted strings and doubled quotes in verbatim strings', () => {
    const [a, b] = lex(`"a\\/b\\u00e9\\n" @"say ""hi"""`).tokens;
    assert.equal(a.value, 'a/bé\n');
    assert.equal(b.value, 'say "hi"');
  });

  it('applies the |||- chomp and keeps blank lines inside text blocks', () => {
    const t = lex('|||-\n  one\n\n  two\n|||').tokens[0];
    assert.equal(t.value, 'one\n\ntwo');
  });

  it('reports an unterminated string, comment and text block at their start', () => {
    assert.deepEqual(
      lex('{ a: "open }').problems.map((p) => [p.offset, p.message.split(':')[0]]),
      [[5, 'String is never closed']],
    );
    assert.equal(lex('1 /* never').problems[0].offset, 2);
    assert.match(lex('|||\nno indent\n|||').problems[0].message, /must start with whitespace/);
  });

  it('does not treat an operator followed by a comment as one operator', () => {
    const kinds = lex('a +// c\nb').tokens.map((t) => `${t.kind}:${t.value}`);
    assert.deepEqual(kinds, ['identifier:a', 'operator:+', 'identifier:b']);
  });

  it('finds std.extVar calls with literal names, with the call and the name ranges', () => {
    const text = `{ a: std.extVar('A'), b: std . extVar( "B" ), c: std.extVar(name), d: "std.extVar('D')" }`;
    const calls = findExtVarCalls(lex(text));
    assert.deepEqual(
      calls.map((c) => [
        c.name,
        text.slice(c.offset, c.offset + c.length),
        text.slice(c.nameOffset, c.nameOffset + c.nameLength),
      ]),
      [
        ['A', "std.extVar('A')", "'A'"],
        ['B', 'std . extVar( "B" )', '"B"'],
      ],
    );
  });
});
