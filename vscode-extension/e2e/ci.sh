#!/usr/bin/env bash
# Builds and tests the VS Code extension; called by .ci/run after `./mvnw -B verify` has built
# lsp-server/target/raftlens.jar. Installs its own apt and npm packages (npm's cache: ~/.npm;
# code-server: ~/.cache/raftlens-e2e, reused by later runs). Cold: about 6 minutes; warm: about 2.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

need=()
for p in chromium ripgrep libxkbfile-dev libsecret-1-dev libkrb5-dev build-essential python3 pkg-config; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "vscode-extension: apt-get install ${need[*]}"
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "vscode-extension: npm ci"
npm ci >/dev/null
echo "vscode-extension: unit tests (node --test)"
npm test
echo "vscode-extension: npm run package"
npm run --silent package 2>&1 | grep -E 'copy-server|DONE|ERROR' || true
test -f dist/raftlens.vsix
unzip -l dist/raftlens.vsix | grep -q 'extension/server/raftlens.jar' || { echo 'the .vsix lacks server/raftlens.jar' >&2; exit 1; }
echo "vscode-extension: code-server 4.100.3"
e2e/install-code-server.sh "${XDG_CACHE_HOME:-$HOME/.cache}/raftlens-e2e/code-server"
echo "vscode-extension: end-to-end in code-server + chromium"
timeout 540 node e2e/run.mjs
echo "vscode-extension: done in $((SECONDS - start)) s"
