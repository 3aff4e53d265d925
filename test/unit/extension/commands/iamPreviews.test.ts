import { strict as assert } from 'node:assert';
import * as engine from '../../../../src/heavy/iam';
import {
  diffMarkdown,
  effectiveMarkdown,
  grantedActionCount,
  md,
} from '../../../../src/extension/commands/iamPreviews';

const catalog = engine.loadCatalogSync();
const policy = (actions: string[], resource = 'arn:aws:s3:::b/*') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }],
});

describe('IAM previews', () => {
  it('counts catalog actions granted, not misspelled ones', () => {
    assert.equal(
      grantedActionCount(engine.effectivePermissions(policy(['s3:GetObjekt', 's3:PutObject']), catalog)),
      1,
    );
    assert.equal(grantedActionCount(engine.effectivePermissions(policy(['sqs:GetQueue*'], '*'), catalog)), 2);
  });

  it('renders the HEAD comparison: new access, then added and removed per resource', () => {
    const diff = engine.diffPolicies(
      policy(['s3:GetObject']),
      policy(['s3:GetObject', 's3:PutObject']),
      catalog,
    );
    assert.equal(
      diffMarkdown('a.policy.json: working copy compared with HEAD', diff),
      [
        '# a.policy.json: working copy compared with HEAD',
        '',
        '**New access:** the working copy may allow 1 action grant(s) that HEAD does not.',
        '',
        'Grants (resource × action): 1 at HEAD → 2 now; 1 added, 0 removed.',
        '',
        '## Added',
        '',
        '| Resource | Actions | Count |',
        '| --- | --- | ---: |',
        '| `arn:aws:s3:::b/*` | `s3:PutObject` | 1 |',
        '',
        '## Removed',
        '',
        'None.',
        '',
      ].join('\n'),
    );
    const same = engine.diffPolicies(policy(['s3:GetObject']), policy(['s3:GetObject']), catalog);
    assert.match(diffMarkdown('x', same, 'a note'), /^# x\n\n> a note\n\n\*\*No new access:\*\*/);
  });

  it('renders effective permissions per resource and escapes Markdown in titles', () => {
    const perms = engine.effectivePermissions(policy(['s3:GetObject', 's3:Nope']), catalog);
    const text = effectiveMarkdown('p', perms, (a) => engine.summarizeActions(a, catalog));
    assert.match(text, /^# p\n\n1 distinct actions granted/);
    assert.match(text, /\| `arn:aws:s3:::b\/\*` \| `s3:GetObject`, `s3:Nope` \| 2 \| 0 \|/);
    assert.match(text, /Not in the catalog: `s3:Nope`\./);
    assert.equal(md('a_b [c] |d|'), 'a\\_b \\[c\\] \\|d\\|');
  });
});
