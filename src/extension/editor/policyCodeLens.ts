import * as vscode from 'vscode';
import { grantedActionCount } from '../commands/iamPreviews';
import { POLICY_SELECTOR, type PolicyDiagnostics } from './policyDiagnostics';

/** Arguments the lens commands receive: the document and which of its policies. */
export interface PolicyTarget {
  uri: string;
  policyIndex: number;
}

/** "N actions granted · Simulate… · Compare with HEAD" above each policy document, embedded ones too. */
export function registerPolicyCodeLens(diagnostics: PolicyDiagnostics): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    async provideCodeLenses(document) {
      const analysis = await diagnostics.analysis(document);
      if (!analysis) return [];
      const lenses: vscode.CodeLens[] = [];
      analysis.policies.forEach((policy, policyIndex) => {
        const start = policy.doc.lineIndex.positionAt(policy.doc.start);
        const range = new vscode.Range(start.line, start.character, start.line, start.character);
        const target: PolicyTarget = { uri: document.uri.toString(), policyIndex };
        let granted: string;
        try {
          const n = grantedActionCount(
            analysis.engine.effectivePermissions(policy.doc.value, analysis.catalog),
          );
          granted = `${n} action${n === 1 ? '' : 's'} granted`;
        } catch {
          granted = 'Effective permissions';
        }
        lenses.push(
          new vscode.CodeLens(range, {
            title: granted,
            command: 'grantwise.iam.showEffectivePermissions',
            arguments: [target],
          }),
          new vscode.CodeLens(range, {
            title: 'Simulate…',
            command: 'grantwise.iam.simulate',
            arguments: [target],
          }),
          new vscode.CodeLens(range, {
            title: 'Compare with HEAD',
            command: 'grantwise.iam.compareWithHead',
            arguments: [target],
          }),
        );
      });
      return lenses;
    },
  };
  const sub = diagnostics.onDidChange(() => changed.fire());
  return vscode.Disposable.from(
    vscode.languages.registerCodeLensProvider(POLICY_SELECTOR, provider),
    sub,
    changed,
  );
}
