import { strict as assert } from 'node:assert';
import { loadCatalogSync } from '../../../../src/core/iam/catalog';
import { learnMoreFor } from '../../../../src/core/iam/checkDocs';
import { parsePolicy } from '../../../../src/core/iam/parse';
import { CHECKS, validatePolicy } from '../../../../src/core/iam/validate';

describe('learn-more links', () => {
  it('gives every check id an AWS documentation page', () => {
    for (const [id, info] of Object.entries(CHECKS)) {
      assert.match(learnMoreFor(id, info.family), /^https:\/\/docs\.aws\.amazon\.com\/\S+\.html$/, id);
    }
  });

  it('attaches the link to each finding the validator returns', () => {
    const doc = parsePolicy(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}',
    );
    const findings = validatePolicy(doc, loadCatalogSync());
    const passRole = findings.find((f) => f.check === 'passrole-star-resource');
    assert.equal(
      passRole?.learnMore,
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
    );
    assert.ok(findings.every((f) => f.learnMore));
  });
});
