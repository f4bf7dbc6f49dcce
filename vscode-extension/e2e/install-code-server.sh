#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the last release for Node 20) from the npm registry
# without its install scripts, which fetch ripgrep and argon2 from outside the registry. Native
# modules are rebuilt from source against the local Node headers; ripgrep comes from Debian.
# Needs (apt): ripgrep libxkbfile-dev libsecret-1-dev libkrb5-dev, plus build-essential, python3.
# Usage: install-code-server.sh DIR   (idempotent: a complete install is kept, marked by DIR/.complete)
set -euo pipefail
VERSION=4.100.3
dir="${1:?usage: install-code-server.sh DIR}"
if [ -f "$dir/.complete" ] && [ "$(cat "$dir/.complete")" = "$VERSION" ]; then
  echo "code-server $VERSION already installed in $dir"
  exit 0
fi
rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
for tool in rg make g++ python3; do
  command -v "$tool" >/dev/null || { echo "install-code-server: '$tool' is missing (apt-get install ripgrep build-essential python3)" >&2; exit 2; }
done
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
echo '{"name":"raftlens-e2e-code-server","private":true}' > package.json
npm install --ignore-scripts --no-save "code-server@$VERSION" >npm-install.log 2>&1 || { tail -20 npm-install.log >&2; exit 1; }
npm rebuild argon2 >>npm-install.log 2>&1 || npm_config_build_from_source=true npm rebuild argon2 >>npm-install.log 2>&1
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts >>"$dir/npm-install.log" 2>&1
# node-pty's post-install step fails after pty.node is built (it runs node-gyp for an IDE database): harmless
npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid >>"$dir/npm-install.log" 2>&1 || true
test -f node_modules/node-pty/build/Release/pty.node || { echo "install-code-server: node-pty did not build; see $dir/npm-install.log" >&2; exit 1; }
mkdir -p node_modules/@vscode/ripgrep/bin && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
rm -rf node_modules.asar && ln -s node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev >>"$dir/npm-install.log" 2>&1)
echo "$VERSION" > "$dir/.complete"
echo "code-server $VERSION installed in $dir"
