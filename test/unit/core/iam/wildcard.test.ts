import { strict as assert } from 'node:assert';
import {
  hasWildcard,
  matchesAction,
  matchesResource,
  matchesString,
  patternCovers,
  patternsOverlap,
} from '../../../../src/core/iam/wildcard';

describe('IAM wildcard matching', () => {
  it('matches actions case-insensitively with * and ?', () => {
    assert.equal(matchesAction('S3:get*', 's3:GetObject'), true);
    assert.equal(matchesAction('s3:Get?bject', 's3:GetObject'), true);
    assert.equal(matchesAction('s3:Get?bject', 's3:GetObjects'), false);
    assert.equal(matchesAction('s3:Get*', 's3:PutObject'), false);
    assert.equal(matchesAction('*', 'iam:CreateUser'), true);
    assert.equal(matchesAction('ec2:*', 'ec2-instance-connect:SendSSHPublicKey'), false);
  });

  it('treats an S3 object pattern and the bucket ARN as different resources', () => {
    assert.equal(matchesResource('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b.txt'), true);
    assert.equal(matchesResource('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket'), false);
    assert.equal(matchesResource('arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/a'), false);
    assert.equal(matchesResource('arn:aws:s3:::bucket*', 'arn:aws:s3:::bucket-logs/a'), true);
  });

  it('matches resources case-sensitively', () => {
    assert.equal(matchesResource('arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/x'), false);
    assert.equal(matchesString('Prod*', 'production'), false);
    assert.equal(matchesString('prod*', 'production'), true);
  });

  it('keeps a wildcard inside its ARN segment, except a trailing * and the resource part', () => {
    const role = 'arn:aws:iam::123456789012:role/app';
    assert.equal(matchesResource('arn:aws:iam::*:role/app', role), true);
    assert.equal(matchesResource('arn:aws:iam::12345678901?:role/app', role), true);
    // `*` in the region segment cannot swallow the colon before the account.
    assert.equal(
      matchesResource('arn:aws:ec2:*:instance/i-1', 'arn:aws:ec2:us-east-1:123456789012:instance/i-1'),
      false,
    );
    assert.equal(
      matchesResource('arn:aws:ec2:*:*:instance/*', 'arn:aws:ec2:us-east-1:123456789012:instance/i-1'),
      true,
    );
    // A pattern ending in `*` inside the prefix reaches across the colons that follow.
    assert.equal(matchesResource('arn:aws:iam::*', role), true);
    assert.equal(matchesResource('arn:aws:s3:*', 'arn:aws:s3:::b/k'), true);
    // In the resource part wildcards span `/` and `:`.
    assert.equal(
      matchesResource(
        'arn:aws:logs:us-east-1:123456789012:log-group:/app/*',
        'arn:aws:logs:us-east-1:123456789012:log-group:/app/web:log-stream:x',
      ),
      true,
    );
    assert.equal(matchesResource('*', 'anything at all'), true);
  });

  it('matches literal parts (substituted variables) character for character', () => {
    const parts = [
      { text: 'arn:aws:s3:::home/', literal: false },
      { text: 'a*', literal: true },
      { text: '/*', literal: false },
    ];
    assert.equal(matchesResource(parts, 'arn:aws:s3:::home/a*/notes.txt'), true);
    assert.equal(matchesResource(parts, 'arn:aws:s3:::home/abc/notes.txt'), false);
    assert.equal(hasWildcard(parts), true);
    assert.equal(hasWildcard([{ text: '*', literal: true }]), false);
  });

  it('proves that one pattern covers another', () => {
    assert.equal(patternCovers('arn:aws:s3:::b/*', 'arn:aws:s3:::b/logs/*', 'resource'), true);
    assert.equal(patternCovers('arn:aws:s3:::b/*', 'arn:aws:s3:::b', 'resource'), false);
    assert.equal(patternCovers('arn:aws:s3:::b/logs/*', 'arn:aws:s3:::b/*', 'resource'), false);
    assert.equal(patternCovers('arn:aws:s3:::b/?', 'arn:aws:s3:::b/x', 'resource'), true);
    assert.equal(patternCovers('arn:aws:s3:::b/?', 'arn:aws:s3:::b/*', 'resource'), false);
    assert.equal(patternCovers('*', 'arn:aws:s3:::b', 'resource'), true);
    assert.equal(
      patternCovers('arn:aws:iam::*:role/*', 'arn:aws:iam::123456789012:role/app', 'resource'),
      true,
    );
    // A segment-bound `*` does not cover a pattern whose `*` may contain a colon.
    assert.equal(patternCovers('arn:aws:ec2:*:1:x', 'arn:aws:ec2:*', 'resource'), false);
    assert.equal(patternCovers('s3:get*', 'S3:GetObject*', 'action'), true);
  });

  it('tells overlapping patterns from disjoint ones', () => {
    assert.equal(patternsOverlap('arn:aws:s3:::a/*', 'arn:aws:s3:::b/*', 'resource'), false);
    assert.equal(patternsOverlap('arn:aws:s3:::a*', 'arn:aws:s3:::*b/x', 'resource'), true);
    assert.equal(patternsOverlap('arn:aws:s3:::b/logs/*', 'arn:aws:s3:::b/*.gz', 'resource'), true);
    assert.equal(patternsOverlap('arn:aws:s3:::b', 'arn:aws:s3:::b/*', 'resource'), false);
  });
});
