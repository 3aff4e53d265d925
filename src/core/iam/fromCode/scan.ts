import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { LineIndex } from '../../range';
import { goSdkCalls } from './go';
import { jsSdkCalls } from './javascript';
import { pythonSdkCalls } from './python';
import type { RawSdkCall, SdkKind } from './sdkCall';

/** A located SDK call: `file` is relative to the scanned folder with `/` separators. */
export interface SdkCallSite extends Omit<RawSdkCall, 'offset'> {
  file: string;
  line: number;
  character: number;
}

export interface ScanResult {
  /** Source files read (after skipping folders and other extensions). */
  filesScanned: number;
  /** Sorted by file, line and character. */
  calls: SdkCallSite[];
}

/** Folders that hold dependencies, build output or VCS data, never the code under review. */
export const SKIPPED_FOLDERS = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'dist',
  'vendor',
  '.venv',
  'venv',
  '__pycache__',
  '.terraform',
]);

type Extractor = (text: string) => RawSdkCall[];

interface Language {
  extract: Extractor;
  /** Cheap byte-level test: a file without it cannot hold a call this language's extractor finds. */
  mayContain: (bytes: Buffer) => boolean;
}

const JS: Language = { extract: jsSdkCalls, mayContain: (b) => b.includes('aws-sdk') };
const PY: Language = {
  extract: pythonSdkCalls,
  mayContain: (b) => b.includes('client(') || b.includes('resource('),
};
// Go clients are often fields declared in another file of the package, so a `Client.` use is enough.
const GO: Language = {
  extract: goSdkCalls,
  mayContain: (b) => b.includes('aws-sdk-go-v2') || b.includes('Client.'),
};

const LANGUAGES: Record<string, Language> = {
  '.js': JS,
  '.mjs': JS,
  '.cjs': JS,
  '.jsx': JS,
  '.ts': JS,
  '.mts': JS,
  '.cts': JS,
  '.tsx': JS,
  '.py': PY,
  '.go': GO,
};

/** The SDK kinds each file extension can hold, for presenters that filter. */
export function languageOf(file: string): SdkKind[] {
  const lang = LANGUAGES[extname(file)];
  if (lang === JS) return ['js-v3', 'js-v2'];
  if (lang === PY) return ['boto3'];
  if (lang === GO) return ['go-v2'];
  return [];
}

function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) stack.push(join(dir, entry.name));
      } else if (entry.isFile() && LANGUAGES[extname(entry.name)]) out.push(join(dir, entry.name));
    }
  }
  return out;
}

// One buffer reused for every file: allocating a Buffer per file costs as much as reading it.
const READ_CHUNK = 1 << 20;
let readBuffer: Buffer | undefined;

/** The file's bytes; a view into the shared buffer, valid until the next call. */
function fileBytes(path: string): Buffer {
  readBuffer ??= Buffer.allocUnsafe(READ_CHUNK);
  const fd = openSync(path, 'r');
  try {
    const n = readSync(fd, readBuffer, 0, READ_CHUNK, 0);
    return n < READ_CHUNK ? readBuffer.subarray(0, n) : readFileSync(path);
  } finally {
    closeSync(fd);
  }
}

/** The calls in one file's text (exposed for the editor, which scans open documents). */
export function sdkCallsInText(file: string, text: string): SdkCallSite[] {
  const lang = LANGUAGES[extname(file)];
  if (!lang) return [];
  const raw = lang.extract(text).sort((a, b) => a.offset - b.offset);
  if (raw.length === 0) return [];
  const index = new LineIndex(text);
  return raw.map(({ offset, ...call }) => ({ file, ...index.positionAt(offset), ...call }));
}

/**
 * Finds AWS SDK calls in every JS/TS, Python and Go file under `root`. Each file is read once as bytes and
 * decoded and parsed only when it carries an SDK marker, so trees of mostly unrelated code stay cheap.
 */
export function scanFolder(root: string): ScanResult {
  const files = sourceFiles(root);
  const calls: SdkCallSite[] = [];
  for (const path of files) {
    const lang = LANGUAGES[extname(path)];
    const bytes = fileBytes(path);
    if (!lang.mayContain(bytes)) continue;
    const rel = relative(root, path).split(sep).join('/');
    calls.push(...sdkCallsInText(rel, bytes.toString('utf8')));
  }
  calls.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.character - b.character,
  );
  return { filesScanned: files.length, calls };
}
