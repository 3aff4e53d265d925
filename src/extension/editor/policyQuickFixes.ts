import * as vscode from 'vscode';
import type { PlannedFix } from '../../core/iam/fixes/forFinding';
import type { TextEdit } from '../../core/iam/fixes/textEdit';
import { POLICY_SELECTOR, type PolicyDiagnostics } from './policyDiagnostics';

export const SCOPE_PASSROLE_COMMAND = 'grantwise.iam.scopePassRole';

/** Arguments of the PassRole command, which asks for the role and service before it edits. */
export interface ScopePassRoleArgs {
  uri: string;
  version: number;
  policyIndex: number;
  statementPointer: string;
}

export function toWorkspaceEdit(document: vscode.TextDocument, edit: TextEdit): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  const range = new vscode.Range(
    document.positionAt(edit.offset),
    document.positionAt(edit.offset + edit.length),
  );
  we.replace(document.uri, range, edit.newText);
  return we;
}

/**
 * Quick fixes for Grantwise diagnostics (did-you-mean, Version, duplicates, bucket/object split,
 * ExternalId, PassRole scoping) and the "expand wildcard" refactoring on an action under the cursor.
 * The edits themselves are computed by the pure functions in src/core/iam/fixes.
 */
export function registerPolicyQuickFixes(diagnostics: PolicyDiagnostics): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    POLICY_SELECTOR,
    {
      async provideCodeActions(document, range, context) {
        const analysis = await diagnostics.analysis(document);
        if (!analysis || analysis.version !== document.version) return [];
        const { engine, catalog } = analysis;
        const text = document.getText();
        const actions: vscode.CodeAction[] = [];
        const toAction = (fix: PlannedFix, policyIndex: number, diagnostic?: vscode.Diagnostic) => {
          const kind =
            fix.check === 'expand-wildcard'
              ? vscode.CodeActionKind.RefactorRewrite
              : vscode.CodeActionKind.QuickFix;
          const action = new vscode.CodeAction(fix.title, kind);
          if (diagnostic) action.diagnostics = [diagnostic];
          if (fix.kind === 'edit') {
            action.edit = toWorkspaceEdit(document, fix.edit);
            action.isPreferred = fix.preferred;
          } else {
            const args: ScopePassRoleArgs = {
              uri: document.uri.toString(),
              version: document.version,
              policyIndex,
              statementPointer: fix.statementPointer,
            };
            action.command = { command: SCOPE_PASSROLE_COMMAND, title: fix.title, arguments: [args] };
          }
          actions.push(action);
        };
        for (const diagnostic of context.diagnostics) {
          if (!diagnostic.source?.startsWith('Grantwise')) continue;
          const hit = diagnostics.findingFor(analysis, diagnostic);
          if (!hit) continue;
          const input = {
            text,
            doc: hit.policy.doc,
            jsonBase: hit.policy.jsonBase,
            catalog,
            newExternalId: () => crypto.randomUUID(),
          };
          for (const fix of engine.fixesForFinding(input, hit.finding)) {
            toAction(fix, analysis.policies.indexOf(hit.policy), diagnostic);
          }
        }
        const offset = document.offsetAt(range.start);
        analysis.policies.forEach((policy, i) => {
          if (offset < policy.doc.start || offset > policy.doc.end) return;
          const pointer = policy.doc.pointerAt(range.start);
          if (!pointer) return;
          const input = {
            text,
            doc: policy.doc,
            jsonBase: policy.jsonBase,
            catalog,
            newExternalId: () => '',
          };
          const fix = engine.expandWildcardFix(input, pointer);
          if (fix) toAction(fix, i);
        });
        return actions;
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite] },
  );
}
