#!/usr/bin/env bash
# Installs the Debian packages Grantwise's build and tests need, once and idempotently, and checks the
# preinstalled tools (moto_server, terraform and its AWS provider mirror, cfn-lint). Safe to re-run.
set -euo pipefail

# chromium: e2e browser; jsonnet: reference CLI; ripgrep: code-server's search + the from-code bench;
# cmake/g++: the libjsonnet addon build at `npm ci`; lib*-dev: code-server's native modules.
PACKAGES=(chromium jsonnet ripgrep cmake g++ make python3 libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-machine: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

fail=0
need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "setup-machine: '$1' is not on PATH: $2" >&2
    fail=1
  fi
}
need moto_server "install moto[server] 5.x for the Python on PATH (the integration tests start it on 127.0.0.1)"
need terraform "install Terraform 1.11 (the operator-policy proof runs plan/apply/destroy against moto)"
need cfn-lint "install cfn-lint (generated CloudFormation is linted in the integration tests)"
need chromium "apt-get install chromium"
need jsonnet "apt-get install jsonnet"
need rg "apt-get install ripgrep"

TF_PLUGIN_DIR="${GRANTWISE_TF_PLUGIN_DIR:-/opt/tf-plugins}"
if ! find "$TF_PLUGIN_DIR" -name 'terraform-provider-aws_*' -print -quit 2>/dev/null | grep -q .; then
  echo "setup-machine: no hashicorp/aws provider under $TF_PLUGIN_DIR (set GRANTWISE_TF_PLUGIN_DIR to the local plugin mirror)" >&2
  fail=1
fi
exit $fail
