import * as vscode from 'vscode';
import type { PolicyDiagnostics } from './policyDiagnostics';
import { hoverMarkdown } from './policyHoverText';

/** Hovers on actions, wildcards and condition keys, from the cached analysis of the document. */
export function registerPolicyHover(diagnostics: PolicyDiagnostics): vscode.Disposable {
  return vscode.languages.registerHoverProvider(
    [
      { language: 'json' },
      { language: 'jsonc' },
      { language: 'yaml' },
      { language: 'terraform' },
      { pattern: '**/*.tf' },
    ],
    {
      async provideHover(document, position) {
        const analysis = await diagnostics.analysis(document);
        if (!analysis) return undefined;
        const offset = document.offsetAt(position);
        const policy = analysis.policies.find((p) => offset >= p.doc.start && offset <= p.doc.end);
        if (!policy) return undefined;
        const pointer = policy.doc.pointerAt(position);
        if (pointer === undefined) return undefined;
        const text = hoverMarkdown(analysis.engine, analysis.catalog, policy.doc, pointer);
        if (!text) return undefined;
        const span = policy.doc.locate(pointer);
        const r = span?.value;
        const range = r
          ? new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character)
          : undefined;
        return new vscode.Hover(
          new vscode.MarkdownString(text),
          range?.contains(position) ? range : undefined,
        );
      },
    },
  );
}
