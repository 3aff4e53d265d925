import * as path from 'node:path';
import type { Range } from '../../range';
import type { JsonnetDiagnostic } from './evaluator';
import { lex } from './lexer';

/** A place named by libjsonnet: `file:L:C`, `file:L:C1-C2` or `file:(L1:C1)-(L2:C2)`, 1-based byte columns. */
export interface ErrorPlace {
  file: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  /** Exclusive end column; equal to startColumn when libjsonnet gave a single point. */
  endColumn: number;
}

export interface ParsedJsonnetError {
  kind: 'static' | 'runtime' | 'other';
  message: string;
  /** Static: the one place. Runtime: the stack frames, innermost first. */
  places: ErrorPlace[];
}

const SPAN = /^(.*):\((\d+):(\d+)\)-\((\d+):(\d+)\)$/;
const POINT = /^(.*):(\d+):(\d+)(?:-(\d+))?$/;

export function parsePlace(text: string): ErrorPlace | undefined {
  let m = SPAN.exec(text);
  if (m) return { file: m[1], startLine: +m[2], startColumn: +m[3], endLine: +m[4], endColumn: +m[5] };
  m = POINT.exec(text);
  if (m)
    return {
      file: m[1],
      startLine: +m[2],
      startColumn: +m[3],
      endLine: +m[2],
      endColumn: m[4] ? +m[4] : +m[3],
    };
  return undefined;
}

/** Splits a libjsonnet error message into its kind, its message and its places. */
export function parseJsonnetError(raw: string): ParsedJsonnetError {
  const text = raw.replace(/\r\n/g, '\n').replace(/\n+$/, '');
  const stat = /^STATIC ERROR: (.+?:(?:\(\d+:\d+\)-\(\d+:\d+\)|\d+:\d+(?:-\d+)?)): ([\s\S]*)$/.exec(text);
  if (stat) {
    const place = parsePlace(stat[1]);
    return { kind: 'static', message: stat[2].trim(), places: place ? [place] : [] };
  }
  if (text.startsWith('RUNTIME ERROR: ')) {
    const lines = text.slice('RUNTIME ERROR: '.length).split('\n');
    const firstFrame = lines.findIndex((l, i) => i > 0 && l.startsWith('\t'));
    const messageLines = firstFrame < 0 ? lines : lines.slice(0, firstFrame);
    const places: ErrorPlace[] = [];
    for (const line of firstFrame < 0 ? [] : lines.slice(firstFrame)) {
      const where = line.replace(/^\t/, '').split('\t')[0];
      const place = parsePlace(where);
      if (place) places.push(place);
    }
    return { kind: 'runtime', message: messageLines.join('\n').trim(), places };
  }
  return { kind: 'other', message: text.trim(), places: [] };
}

/** Converts a libjsonnet place to an editor range in `text` (UTF-8 byte columns to UTF-16). */
export function placeToRange(place: ErrorPlace, text: string | undefined): Range {
  const lines = text?.split('\n');
  const char = (line: number, byteColumn: number) => {
    const l = lines?.[line];
    if (l === undefined) return byteColumn;
    return Buffer.from(l, 'utf8').subarray(0, byteColumn).toString('utf8').length;
  };
  const start = { line: place.startLine - 1, character: char(place.startLine - 1, place.startColumn - 1) };
  let end = { line: place.endLine - 1, character: char(place.endLine - 1, place.endColumn - 1) };
  if (end.line === start.line && end.character <= start.character) {
    // A single point: widen it to the token there so the squiggle is visible.
    const line = lines?.[start.line] ?? '';
    const token = lex(line.slice(start.character)).tokens[0];
    end = {
      line: start.line,
      character: start.character + Math.max(1, token && token.offset === 0 ? token.length : 1),
    };
  }
  return { start, end };
}

export interface DiagnosticContext {
  /** The evaluated file (absolute). */
  rootFile: string;
  /** Text of a file named in the error, for precise columns; undefined when unknown. */
  readText(file: string): string | undefined;
  /** Where the root file imports (directly or through others) `file`: the import string's range in the root. */
  importSiteInRoot(file: string): Range | undefined;
}

/**
 * Turns a libjsonnet error into diagnostics at their real ranges: one in the file of the innermost frame
 * (the place that failed) and, when that is another file, one in the evaluated file at its innermost
 * frame there (or the import leading to the failing file), so the error is visible where the user looks.
 */
export function errorDiagnostics(raw: string, ctx: DiagnosticContext): JsonnetDiagnostic[] {
  const parsed = parseJsonnetError(raw);
  const code =
    parsed.kind === 'static'
      ? 'jsonnet-syntax'
      : parsed.kind === 'runtime'
        ? 'jsonnet-runtime'
        : 'jsonnet-error';
  const located = parsed.places
    .filter((p) => path.isAbsolute(p.file))
    .map((p) => ({ ...p, file: path.normalize(p.file) }));
  const out: JsonnetDiagnostic[] = [];
  const top = located[0];
  if (!top) {
    const text = ctx.readText(ctx.rootFile) ?? '';
    const firstLine = text.split('\n')[0].replace(/\r$/, '');
    out.push({
      file: ctx.rootFile,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: Math.max(1, firstLine.length) } },
      message: parsed.message,
      severity: 'error',
      code,
    });
    return out;
  }
  out.push({
    file: top.file,
    range: placeToRange(top, ctx.readText(top.file)),
    message: parsed.message,
    severity: 'error',
    code,
  });
  if (top.file !== ctx.rootFile) {
    const inRoot = located.find((p) => p.file === ctx.rootFile);
    const range = inRoot ? placeToRange(inRoot, ctx.readText(ctx.rootFile)) : ctx.importSiteInRoot(top.file);
    if (range) {
      const rel = path.relative(path.dirname(ctx.rootFile), top.file);
      out.push({
        file: ctx.rootFile,
        range,
        message: `${rel}:${top.startLine}:${top.startColumn}: ${parsed.message}`,
        severity: 'error',
        code,
      });
    }
  }
  return out;
}
