#!/usr/bin/env bash
# Installs code-server (real VS Code for the browser) into a cache folder outside node_modules,
# for the e2e suite and `npm start`. Idempotent: a finished install is reused.
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE="${GRANTWISE_CACHE:-$HOME/.cache/grantwise}"
DEST="$CACHE/code-server-$VERSION"
BIN="$DEST/node_modules/.bin/code-server"

if [ -x "$BIN" ] && [ -f "$DEST/.installed" ]; then
  echo "$BIN"
  exit 0
fi

command -v rg >/dev/null || { echo "install-code-server: Debian 'ripgrep' is missing (apt-get install ripgrep)" >&2; exit 1; }

# @vscode/ripgrep's postinstall downloads a release binary from the web, which this machine cannot reach.
# It first looks in its download cache, so seed the cache with Debian's rg under the exact name it wants.
TMP="${TMPDIR:-/tmp}"
RG_CACHE="$TMP/vscode-ripgrep-cache-1.15.11"
RG_TAR="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$RG_TAR" ]; then
  mkdir -p "$RG_CACHE"
  stage=$(mktemp -d)
  cp "$(command -v rg)" "$stage/rg"
  tar -C "$stage" -czf "$RG_TAR" rg
  rm -rf "$stage"
fi

mkdir -p "$DEST"
cd "$DEST"
# npm 11 runs only approved install scripts; code-server's postinstall builds its bundled VS Code.
echo '{"name":"grantwise-code-server","private":true,"allowScripts":{"code-server":true}}' > package.json
echo "install-code-server: installing code-server@$VERSION into $DEST (several minutes)" >&2
npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --loglevel=error \
  "code-server@$VERSION" >&2
[ -x "$BIN" ] || { echo "install-code-server: $BIN missing after install" >&2; exit 1; }
"$BIN" --version >&2
touch .installed
echo "$BIN"
