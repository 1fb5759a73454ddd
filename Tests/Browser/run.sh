#!/usr/bin/env bash
# The console's browser tests: Debian's headless Chromium and chromedriver, driven by
# Selenium, with axe-core on every screen (both from PyPI, in a virtual environment of
# their own). Screenshots go to the output folder (default /tmp/dossier-browser).
# Usage: Tests/Browser/run.sh PATH/TO/dossier [OUTPUT_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command -v chromium >/dev/null && command -v chromedriver >/dev/null || {
    echo "needs Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver" >&2
    exit 1
}
venv="${DOSSIER_BROWSER_VENV:-/tmp/dossier-browser-venv}"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import selenium, axe_selenium_python' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check selenium==4.51.0 axe-selenium-python==2.1.6
fi
exec "$venv/bin/python" "$here/run.py" "$@"
