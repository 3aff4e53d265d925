import { strict as assert } from 'node:assert';
import {
  compileResource,
  compiledMatchesFormat,
  parseArn,
  resourcePartMatchesFormat,
} from '../../../../../src/core/iam/arn';
import { loadCatalogSync } from '../../../../../src/core/iam/catalog';
import { FastFormat, isFastArn } from '../../../../../src/core/iam/checks/arnFastPath';

/** Policy ARNs a format suggests: placeholders filled with plain, slashed and empty values, then cut to a `*`. */
function samples(format: string): string[] {
  const fills = [
    format.replace(/\$\{[^}]+\}/g, 'x1'),
    format.replace(/\$\{[^}]+\}/g, 'a/b'),
    format.replace(/\$\{([^}]+)\}/g, (_, name: string) => (/Region/.test(name) ? 'us-east-1' : 'v-2')),
    format.replace(/\$\{[^}]+\}/g, ''),
  ].map((a) => a.replace(/^arn:x1:|^arn:a\/b:|^arn:v-2:|^arn::/, 'arn:aws:'));
  const out = new Set(fills);
  for (const a of fills) {
    const arn = parseArn(a);
    if (!arn) continue;
    const head = a.slice(0, a.length - arn.resource.length);
    // A trailing `*` every few characters of the resource part, and in region and account.
    for (let i = 0; i <= arn.resource.length; i += 8) out.add(`${head}${arn.resource.slice(0, i)}*`);
    out.add(`arn:${arn.partition}:${arn.service}:*:*:${arn.resource}`);
    out.add(`arn:${arn.partition}:${arn.service}:us-*:12*:${arn.resource}`);
  }
  return [...out];
}

describe('arnFastPath', () => {
  it('reads only literal fields and fields ending in their only *', () => {
    const fast = (a: string) => isFastArn(parseArn(a)!);
    assert.equal(fast('arn:aws:s3:::bucket/prefix/*'), true);
    assert.equal(fast('arn:aws:ec2:*:*:instance/*'), true);
    assert.equal(fast('arn:aws:s3:::b/*/x'), false);
    assert.equal(fast('arn:aws:s3:::b/a?c'), false);
    assert.equal(fast('arn:aws:s3:::home/${aws:username}'), false);
    assert.equal(fast('arn:aws:s3:::b/\uE000'), false);
  });

  it('agrees with arn.ts on every catalog format, for ARNs of the same service', function () {
    this.timeout(60_000);
    const catalog = loadCatalogSync();
    let compared = 0;
    let matched = 0;
    for (const service of catalog.services()) {
      const formats = [...new Set(catalog.resourceTypes(service.prefix).map((rt) => rt.arnFormat))];
      const arns = formats.flatMap(samples).filter((a) => {
        const arn = parseArn(a);
        return !!arn && isFastArn(arn);
      });
      for (const a of arns) {
        const arn = parseArn(a)!;
        const compiled = compileResource(a)!;
        for (const f of formats) {
          const expected = compiledMatchesFormat(compiled, f);
          assert.equal(FastFormat.of(f).matches(arn), expected, `${a} against ${f}`);
          assert.equal(
            FastFormat.of(f).resourcePartMatches(arn),
            resourcePartMatchesFormat(compiled, f),
            `${a} (resource part) against ${f}`,
          );
          compared++;
          if (expected) matched++;
        }
      }
    }
    // Both outcomes are exercised in bulk, so agreement is not vacuous.
    assert.ok(compared > 100_000 && matched > 10_000, `${compared} compared, ${matched} matched`);
  });
});
