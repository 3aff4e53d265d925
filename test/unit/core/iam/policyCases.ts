import { strict as assert } from 'node:assert';
import type { Finding } from '../../../../src/core/finding';
import { loadCatalogSync } from '../../../../src/core/iam/catalog';
import type { PolicyKind } from '../../../../src/core/iam/kind';
import { parsePolicy } from '../../../../src/core/iam/parse';
import { validatePolicy, type ValidateOptions } from '../../../../src/core/iam/validate';

/** One check id with a document that must trigger it (at `path`) and a close variant that must not. */
export interface CheckCase {
  check: string;
  kind: PolicyKind;
  bad: unknown;
  path: string;
  clean: unknown;
  /** Expected quick-fix data on the finding, when the check offers one. */
  data?: Record<string, unknown>;
  options?: ValidateOptions;
}

export function findings(policy: unknown, kind: PolicyKind, options: ValidateOptions = {}): Finding[] {
  const text = typeof policy === 'string' ? policy : JSON.stringify(policy, null, 2);
  return validatePolicy(parsePolicy(text, { kind }), loadCatalogSync(), options);
}

export const V = '2012-10-17';

/** Registers, for each case, one failing and one clean test. */
export function describeCases(family: string, cases: CheckCase[]): void {
  describe(`validatePolicy: ${family} checks`, () => {
    for (const c of cases) {
      it(`${c.check}: reports ${c.path}`, () => {
        const hits = findings(c.bad, c.kind, c.options).filter((f) => f.check === c.check);
        assert.deepEqual(
          hits.map((f) => f.path),
          [c.path],
        );
        assert.ok(hits[0].message.length > 20, 'the message says how to fix it');
        if (c.data) assert.deepEqual(hits[0].data, c.data);
      });
      it(`${c.check}: clean variant has no findings at all`, () => {
        assert.deepEqual(
          findings(c.clean, c.kind, c.options).map((f) => `${f.check} ${f.path}`),
          [],
        );
      });
    }
  });
}
