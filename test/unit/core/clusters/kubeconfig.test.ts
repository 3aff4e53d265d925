import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { listKubeContexts, parseKubeconfig } from '../../../../src/core/clusters/kubeconfig';

const EKS = `
apiVersion: v1
current-context: arn:aws:eks:us-east-1:727923484692:cluster/test-cluster
clusters:
- name: arn:aws:eks:us-east-1:727923484692:cluster/test-cluster
  cluster:
    server: https://ABC.gr7.us-east-1.eks.amazonaws.com
    certificate-authority-data: c2VjcmV0
- name: kind-local
  cluster:
    server: https://127.0.0.1:6443
contexts:
- name: arn:aws:eks:us-east-1:727923484692:cluster/test-cluster
  context: { cluster: "arn:aws:eks:us-east-1:727923484692:cluster/test-cluster", user: eks-user }
- name: kind-local
  context: { cluster: kind-local, user: kind, namespace: rok }
users:
- name: kind
  user: { token: super-secret-token }
`;

describe('kubeconfig', () => {
  it('lists contexts, recognises EKS clusters by ARN and marks the current one', () => {
    const ctxs = parseKubeconfig(EKS, '/k');
    assert.equal(ctxs.length, 2);
    assert.deepEqual(ctxs[0].eks, {
      arn: 'arn:aws:eks:us-east-1:727923484692:cluster/test-cluster',
      region: 'us-east-1',
      name: 'test-cluster',
    });
    assert.equal(ctxs[0].current, true);
    assert.equal(ctxs[1].eks, undefined);
    assert.equal(ctxs[1].namespace, 'rok');
    assert.ok(!JSON.stringify(ctxs).includes('super-secret-token'));
    assert.ok(!JSON.stringify(ctxs).includes('c2VjcmV0'));
  });

  it('merges KUBECONFIG files in order, the first definition of a context winning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-kube-'));
    writeFileSync(join(dir, 'a'), EKS);
    writeFileSync(
      join(dir, 'b'),
      'contexts:\n- name: kind-local\n  context: { cluster: other }\n- name: extra\n  context: { cluster: x }\n',
    );
    const ctxs = await listKubeContexts({
      KUBECONFIG: [join(dir, 'a'), join(dir, 'missing'), join(dir, 'b')].join(delimiter),
    });
    assert.deepEqual(
      ctxs.map((c) => [c.name, c.cluster]),
      [
        [
          'arn:aws:eks:us-east-1:727923484692:cluster/test-cluster',
          'arn:aws:eks:us-east-1:727923484692:cluster/test-cluster',
        ],
        ['kind-local', 'kind-local'],
        ['extra', 'x'],
      ],
    );
  });

  it('reports invalid YAML with the file name and a remedy', () => {
    assert.throws(
      () => parseKubeconfig('contexts: [', '/home/u/.kube/config'),
      (e: Error & { remedy?: string }) => {
        assert.match(e.message, /\/home\/u\/\.kube\/config is not valid YAML/);
        assert.ok(e.remedy);
        return true;
      },
    );
  });
});
