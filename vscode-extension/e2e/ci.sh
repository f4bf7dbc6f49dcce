#!/usr/bin/env bash
# Builds and tests the VS Code extension; called by .ci/run after `./mvnw -B verify` has built
# lsp-server/target/raftlens.jar. Installs its own apt and npm packages (npm's cache: ~/.npm;
# code-server and Theia: ~/.cache/raftlens-e2e, reused by later runs). Cold: about 12 minutes; warm: about 5.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

missing() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}
need=($(missing chromium ripgrep libxkbfile-dev libsecret-1-dev libkrb5-dev build-essential python3 pkg-config unzip))
editors=($(missing neovim emacs-nox elpa-eglot elpa-yaml-mode))
if [ ${#need[@]} -gt 0 ] || [ ${#editors[@]} -gt 0 ]; then
  echo "vscode-extension: apt-get install ${need[*]} ${editors[*]}"
  apt-get update -qq
  [ ${#need[@]} -eq 0 ] || apt-get install -y -qq "${need[@]}" >/dev/null
  [ ${#editors[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${editors[@]}" >/dev/null
fi

# code-server's install (native rebuilds, minutes when cold) runs while the extension is built
code_server_dir="${XDG_CACHE_HOME:-$HOME/.cache}/raftlens-e2e/code-server"
code_server_log="$(mktemp)"
e2e/install-code-server.sh "$code_server_dir" >"$code_server_log" 2>&1 &
code_server_pid=$!

echo "vscode-extension: npm ci"
npm ci >/dev/null
echo "vscode-extension: unit tests (node --test)"
npm test
echo "vscode-extension: npm run package"
rm -f dist/raftlens.vsix
package_log="$(mktemp)"
if ! npm run --silent package >"$package_log" 2>&1; then cat "$package_log" >&2; exit 1; fi
grep -E 'copy-server|DONE' "$package_log"
# the listing is read whole first: `unzip -l | grep -q` under pipefail fails at random when grep quits early (SIGPIPE)
vsix_listing=$(unzip -l dist/raftlens.vsix)
grep -q 'extension/server/raftlens.jar' <<<"$vsix_listing" || { echo 'the .vsix lacks server/raftlens.jar' >&2; exit 1; }
echo "vscode-extension: code-server 4.100.3"
if ! wait "$code_server_pid"; then cat "$code_server_log" >&2; exit 1; fi
cat "$code_server_log"
echo "vscode-extension: end-to-end in code-server + chromium"
timeout 540 node e2e/run.mjs
echo "vscode-extension: README's Neovim and Emacs snippets, headless"
timeout 300 node e2e/editors.mjs
echo "vscode-extension: end-to-end in Eclipse Theia 1.74.1 + chromium (e2e/theia/ci.sh)"
e2e/theia/ci.sh
echo "vscode-extension: done in $((SECONDS - start)) s"
