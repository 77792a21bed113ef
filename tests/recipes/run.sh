#!/usr/bin/env bash
# The CI recipes of the README, each exercised: the GitHub Actions workflow (its steps run here against a local
# package folder), the pre-commit hook (pre-commit try-repo, from Debian's pre-commit package) and the
# `egressctl expand | kubectl apply -f -` pipeline's output.   bash tests/recipes/run.sh   (npm run test:recipes)
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v pre-commit >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    [[ -n ${EGRESSLSP_APT_UPDATED:-} ]] || apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends pre-commit >/dev/null
  else
    echo "recipes: pre-commit is needed (Debian: apt-get install pre-commit)" >&2
    exit 1
  fi
fi
exec node --test --test-reporter=spec --test-concurrency=1 tests/recipes/recipes.test.mjs
