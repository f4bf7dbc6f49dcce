#!/usr/bin/env bash
# Installs the minimal Eclipse Theia browser application of app/ (Theia 1.74.1, pinned by
# app/package-lock.json) from the npm registry without install scripts (several fetch binaries from
# GitHub), rebuilds its native modules locally and builds the frontend.
# Needs (apt): build-essential python3 pkg-config libsecret-1-dev (keytar is compiled from source).
# Usage: install-theia.sh DIR   (idempotent: a complete install of the same lock file is kept,
# marked by DIR/.complete holding the lock file's hash)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${1:?usage: install-theia.sh DIR}"
stamp="$(sha256sum "$here/app/package.json" "$here/app/package-lock.json" | sha256sum | cut -c1-16)"
if [ -f "$dir/.complete" ] && [ "$(cat "$dir/.complete")" = "$stamp" ]; then
  echo "Theia app ($stamp) already installed in $dir"
  exit 0
fi
for tool in make g++ python3 pkg-config; do
  command -v "$tool" >/dev/null || { echo "install-theia: '$tool' is missing (apt-get install build-essential python3 pkg-config)" >&2; exit 2; }
done
pkg-config --exists libsecret-1 || { echo "install-theia: libsecret-1 is missing (apt-get install libsecret-1-dev)" >&2; exit 2; }
rm -rf "$dir" && mkdir -p "$dir" && cp "$here/app/package.json" "$here/app/package-lock.json" "$dir/" && cd "$dir"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false PUPPETEER_SKIP_DOWNLOAD=1
t=$SECONDS
# Theia's CLI pulls in packages that ask for Node >= 22.12 (EBADENGINE warnings): not used by a browser build
npm ci --ignore-scripts >npm-install.log 2>&1 || { tail -30 npm-install.log >&2; exit 1; }
echo "install-theia: npm ci in $((SECONDS - t)) s"; t=$SECONDS
# node-pty ships a linux-x64 prebuild; keytar and drivelist are compiled (their prebuilds come from GitHub)
npm rebuild node-pty esbuild @parcel/watcher msgpackr-extract >>npm-install.log 2>&1 || { tail -30 npm-install.log >&2; exit 1; }
npm_config_build_from_source=true npm rebuild keytar drivelist >>npm-install.log 2>&1 || { tail -30 npm-install.log >&2; exit 1; }
echo "install-theia: native modules in $((SECONDS - t)) s"; t=$SECONDS
NODE_OPTIONS=--max-old-space-size=4096 npx --no-install theia build --mode development >theia-build.log 2>&1 || { tail -30 theia-build.log >&2; exit 1; }
test -f src-gen/backend/main.js || { echo "install-theia: the build made no src-gen/backend/main.js; see $dir/theia-build.log" >&2; exit 1; }
echo "install-theia: theia build in $((SECONDS - t)) s"
echo "$stamp" > .complete
echo "Theia app ($stamp) installed in $dir"
