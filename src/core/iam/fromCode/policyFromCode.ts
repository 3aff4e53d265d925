import type { IamCatalog } from '../catalog';
import { policyOf, type PolicyJson, type PolicyStatement } from '../generate/document';
import { policyJson } from '../generate/serialize';
import { mapSdkCall, type CallMapping } from './operationActions';
import { scanFolder, type ScanResult, type SdkCallSite } from './scan';

export type MappedCallSite = SdkCallSite & CallMapping;

export interface CodePolicy {
  /** Least privilege for the mapped calls; undefined when no call could be mapped. */
  policy?: PolicyJson;
  policyJson?: string;
  totalActionsGranted: number;
  /** Every call site, mapped or not, sorted by file and position, for links back to the code. */
  calls: MappedCallSite[];
  unmappedCalls: number;
  filesScanned: number;
  dataVersion: string;
}

function sidOf(prefix: string): string {
  return 'Grantwise' + prefix.replace(/(^|[^a-z0-9])([a-z0-9])/gi, (_, __, c: string) => c.toUpperCase());
}

function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The policy a set of call sites needs: one statement per IAM service, its actions sorted. Resource stays
 * "*": which bucket or table a call touches is decided at run time, and guessing would be dishonest.
 */
export function policyFromCalls(catalog: IamCatalog, scan: ScanResult): CodePolicy {
  const calls = scan.calls.map((c) => ({ ...c, ...mapSdkCall(catalog, c) }));
  const byService = new Map<string, Set<string>>();
  for (const c of calls) {
    for (const a of c.actions ?? []) {
      const service = a.slice(0, a.indexOf(':'));
      if (!byService.has(service)) byService.set(service, new Set());
      byService.get(service)!.add(a);
    }
  }
  const statements: PolicyStatement[] = [...byService.keys()].sort(byKey).map((service) => ({
    Sid: sidOf(service),
    Effect: 'Allow',
    Action: [...byService.get(service)!].sort(byKey),
    Resource: '*',
  }));
  const policy = statements.length > 0 ? policyOf(statements) : undefined;
  return {
    ...(policy ? { policy, policyJson: policyJson(policy) } : {}),
    totalActionsGranted: statements.reduce((n, s) => n + s.Action.length, 0),
    calls,
    unmappedCalls: calls.filter((c) => c.unmapped !== undefined).length,
    filesScanned: scan.filesScanned,
    dataVersion: catalog.dataVersion,
  };
}

/** Scans a folder for AWS SDK calls and returns the least-privilege policy for them. */
export function policyFromCode(catalog: IamCatalog, folder: string): CodePolicy {
  return policyFromCalls(catalog, scanFolder(folder));
}
