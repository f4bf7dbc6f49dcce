#!/usr/bin/env bash
# The extension in Eclipse Theia, for CI (called by ../ci.sh once dist/raftlens.vsix is built and
# its apt packages are in: chromium build-essential python3 pkg-config libsecret-1-dev). Installs the
# pinned Theia app of app/ into ~/.cache/raftlens-e2e/theia (kept for later runs; rebuilt when
# app/package-lock.json changes), then runs the end-to-end test. Measured on the 2-core box with an
# empty npm cache and no Theia, while other jobs kept its load average at 25-38: 475 s (npm ci 151 s,
# native modules 56 s, theia build 99 s, test 169 s); warm, same load: the test alone, 105-170 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$SECONDS
dir="${XDG_CACHE_HOME:-$HOME/.cache}/raftlens-e2e/theia"
e2e/theia/install-theia.sh "$dir"
echo "theia: app ready in $((SECONDS - start)) s"
THEIA_DIR="$dir" timeout 480 node e2e/theia/run.mjs
echo "theia: done in $((SECONDS - start)) s"
