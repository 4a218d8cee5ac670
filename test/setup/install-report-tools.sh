#!/usr/bin/env bash
# Installs the Debian packages the report tests read meetlat's reports with: chromium (renders
# the HTML report headless and takes its screenshot), python3-openpyxl (a second, independent
# XLSX reader) and a font for chromium to render text with. Idempotent, non-interactive.
# Debian's python is /usr/bin/python3 (a pyenv or venv python earlier in PATH lacks openpyxl).
set -euo pipefail

have_all() {
  command -v chromium >/dev/null 2>&1 && /usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 && [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]
}

if have_all; then
  echo "install-report-tools: chromium, openpyxl and fonts already present"
else
  bash "$(dirname "$0")/apt-install-quietly.sh" chromium python3-openpyxl fonts-dejavu-core
fi
have_all || { echo "install-report-tools: chromium, python3-openpyxl or the font still missing" >&2; exit 1; }
echo "install-report-tools: $(chromium --version 2>/dev/null | head -1), openpyxl $(/usr/bin/python3 -c 'import openpyxl; print(openpyxl.__version__)')"
