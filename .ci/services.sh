#!/usr/bin/env bash
# Debian packages for the PostgreSQL and Redis tests: scripts/services.ts starts throwaway
# servers from these binaries (it never uses the packages' own services), and nginx, whose
# config (scripts/nginx/wangge.conf, run by `pnpm cluster`) tests/cluster checks with `nginx -t`.
# Installs only what is missing; a no-op on a machine that has all three. Called by .ci/run.
set -euo pipefail

missing=()
if ! command -v initdb >/dev/null 2>&1 && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  missing+=(postgresql)
fi
if ! command -v redis-server >/dev/null 2>&1; then
  missing+=(redis-server)
fi
if [ ! -x /usr/sbin/nginx ] && ! command -v nginx >/dev/null 2>&1; then
  missing+=(nginx)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "== services: PostgreSQL, Redis and nginx already installed"
  exit 0
fi

echo "== services: apt-get install ${missing[*]}"
# The packages' postinst scripts would start a system PostgreSQL on 5432, Redis on 6379 and
# nginx on 80; tests start their own, so keep the daemons from starting (the usual container
# policy-rc.d).
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

command -v redis-server >/dev/null 2>&1 || { echo "redis-server still missing"; exit 1; }
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || { echo "nginx still missing"; exit 1; }
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null 2>&1 \
  || { echo "initdb still missing"; exit 1; }
echo "== services: installed ${missing[*]}"
