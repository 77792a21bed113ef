#!/usr/bin/env bash
# Every .vsix and the arm64 server proved: builds them all (npm run package:all, unless EGRESSLSP_PACKAGES_BUILT=1),
# then checks each .vsix's server binary format and architecture and runs the linux-arm64 server under qemu-user.
#   bash tests/packages/run.sh   (npm run test:packages)
set -euo pipefail
cd "$(dirname "$0")/../.."
need=()
command -v aarch64-linux-gnu-objcopy >/dev/null 2>&1 || need+=(binutils-aarch64-linux-gnu gcc-aarch64-linux-gnu libc6-dev-arm64-cross)
command -v qemu-aarch64-static >/dev/null 2>&1 || need+=(qemu-user-static)
command -v clang >/dev/null 2>&1 || need+=(clang)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
if ((${#need[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    [[ -n ${EGRESSLSP_APT_UPDATED:-} ]] || apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "packages: needs ${need[*]} (Debian packages)" >&2
    exit 1
  fi
fi
t0=$(date +%s)
[[ ${EGRESSLSP_PACKAGES_BUILT:-} == 1 ]] || npm run --silent package:all >&2
echo "packages: built in $(($(date +%s) - t0)) s" >&2
exec node --test --test-reporter=spec tests/packages/packages.test.mjs
