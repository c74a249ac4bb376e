#!/usr/bin/env bash
# Installs what tests/test_browser.py needs, on Debian: Chromium and the font its
# screenshots and layout measurements are taken with, a Java runtime for the Nu
# HTML Checker, and the pinned npm packages of package-lock.json (axe-core and
# vnu-jar) into tests/browser/node_modules. What is already there is kept, so a
# second run only checks. Any failure stops it with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")"

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)

packages=()
dpkg -s chromium >/dev/null 2>&1 || packages+=(chromium)
# system-ui resolves to DejaVu Sans through fontconfig: the widths the tests measure depend on it.
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || packages+=(fonts-dejavu-core)
command -v java >/dev/null || packages+=(default-jre-headless)
command -v npm >/dev/null || packages+=(npm)
if [ ${#packages[@]} -gt 0 ]; then
    echo "browser tests: installing ${packages[*]}"
    "${as_root[@]}" apt-get update -q
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}"
fi

# npm ci installs exactly the lock file; the copy of the lock file left beside the
# packages tells a later run that they are still the ones it names. Install scripts
# are not run: the only one, vnu-jar's, would look for a Java to download.
if ! cmp -s package-lock.json node_modules/.installed-package-lock.json; then
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    cp package-lock.json node_modules/.installed-package-lock.json
fi

/usr/bin/chromium --version
java -version 2>&1 | head -n 1
test -s node_modules/axe-core/axe.min.js
test -s node_modules/vnu-jar/build/dist/vnu.jar
echo "browser tests: ready"
