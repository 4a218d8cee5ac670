#!/usr/bin/env bash
# Installs the Debian packages the interop tests (test/interop/) run against: knot (knotd, the
# authoritative server), unbound (the reference validating resolver), bind9-utils
# (dnssec-keygen, dnssec-signzone, dnssec-dsfromkey: the signer), bind9-dnsutils (delv, dig:
# a second validator), ldnsutils (ldns-signzone: NSEC3 beyond 150 iterations).
#
# Idempotent and non-interactive; meant for Debian 12 as root (CI) or via sudo. The packages'
# own daemons are not wanted (the tests start their own instances on 127.53.X.y): a temporary
# policy-rc.d keeps the maintainer scripts from starting them.
set -euo pipefail

PACKAGES=(knot unbound bind9-utils bind9-dnsutils ldnsutils)
BINARIES=(knotd unbound dnssec-keygen dnssec-signzone dnssec-dsfromkey delv ldns-signzone)

have_all() {
  local b
  for b in "${BINARIES[@]}"; do
    command -v "$b" >/dev/null 2>&1 || [ -x "/usr/sbin/$b" ] || [ -x "/usr/bin/$b" ] || return 1
  done
  return 0
}

if have_all; then
  echo "install-peers: all peer binaries already present"
else
  bash "$(dirname "$0")/../../setup/apt-install-quietly.sh" "${PACKAGES[@]}"
fi

# The tests bind port 53 of 127.53.X.1-3 and 127.53.X.53. A daemon bound to 127.0.0.1 (the
# packages' defaults) does not collide; one bound to the wildcard address would, so say so.
if command -v ss >/dev/null 2>&1 && ss -Hlnu 'sport = :53' 2>/dev/null | awk '{print $4}' | grep -qE '^(0\.0\.0\.0|\*|\[::\]):53$'; then
  echo "install-peers: warning: something listens on port 53 of every address; the interop peers may fail to bind:" >&2
  ss -Hlnup 'sport = :53' >&2 || true
fi

if ! have_all; then
  echo "install-peers: still missing after install:" >&2
  for b in "${BINARIES[@]}"; do command -v "$b" >/dev/null 2>&1 || [ -x "/usr/sbin/$b" ] || echo "  $b" >&2; done
  exit 1
fi
echo "install-peers: knotd $(/usr/sbin/knotd --version 2>&1 | head -1 | awk '{print $NF}'), unbound $(/usr/sbin/unbound -V 2>&1 | head -1 | awk '{print $2}'), $(dnssec-signzone -V 2>&1 | head -1)"
