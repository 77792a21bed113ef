#!/usr/bin/env bash
# The real-editor tests: installs the tools (cached), packages the .vsix, then runs the Neovim, Emacs and VS Code
# (code-server in Chromium) tests with node's test runner inside a loopback-only network namespace.
#   bash tests/editors/run.sh            (also: npm run test:editors)
# Screenshots and logs: tests/editors/artifacts/. Set EGRESSLSP_VSIX to test an existing .vsix without packaging.
set -euo pipefail
cd "$(dirname "$0")/../.."

t0=$(date +%s)
tools=$(bash tests/editors/setup-tools.sh)
export NODE24 CODE_SERVER
NODE24=$(sed -n 's/^NODE24=//p' <<<"$tools")
CODE_SERVER=$(sed -n 's/^CODE_SERVER=//p' <<<"$tools")
t1=$(date +%s)
echo "editors: tools ready in $((t1 - t0)) s" >&2

if [[ -z ${EGRESSLSP_VSIX:-} ]]; then
  npm run --silent package >&2
  EGRESSLSP_VSIX=$PWD/$(ls client-vscode/dist/egress-lsp-*.vsix | head -1)
fi
export EGRESSLSP_VSIX
# The server binary the .vsix carries, for the Neovim test.
export EGRESSCTL=${EGRESSCTL:-$(ls "$PWD"/client-vscode/server/*/egressctl | head -1)}
t2=$(date +%s)
echo "editors: $(basename "$EGRESSLSP_VSIX") ready in $((t2 - t1)) s" >&2

rm -rf tests/editors/artifacts
# Loopback only: the editors try to reach galleries and update servers and must find nothing.
if [[ $(id -u) -eq 0 ]]; then isolate=(unshare -n); else isolate=(unshare -rn); fi
set +e
"${isolate[@]}" sh -c 'ip link set lo up && exec node --test --test-reporter=spec --test-concurrency=1 tests/editors/neovim.test.mjs tests/editors/emacs.test.mjs tests/editors/vscode.test.mjs'
status=$?
set -e
echo "editors: tests ran in $(($(date +%s) - t2)) s (exit $status); artifacts in tests/editors/artifacts/" >&2
exit $status
