#!/usr/bin/env bash
# Installs Debian packages for the tests without letting their maintainer scripts start the
# packages' own daemons (a temporary policy-rc.d answering 101, "action forbidden"): the tests
# start their own instances. Non-interactive; as root, or through sudo. All output goes to
# stderr, so callers can keep stdout for their own result.
#   bash test/setup/apt-install-quietly.sh PACKAGE...
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else echo "apt-install-quietly: must run as root (or with sudo)" >&2; exit 1; fi
fi

export DEBIAN_FRONTEND=noninteractive
policy_added=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod 755 /usr/sbin/policy-rc.d
  policy_added=1
fi
trap 'if [ -n "$policy_added" ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi' EXIT
$SUDO apt-get update -q >&2
$SUDO apt-get install -y -q --no-install-recommends "$@" >&2
