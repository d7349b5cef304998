#!/usr/bin/env bash
# Installs the operating-system packages the app and its tests need, where a package manager we
# know is present. Safe to run again; does nothing that is already done.
#   Debian/Ubuntu: libsecret (keytar builds against it), gnome-keyring + dbus (a real keychain for
#   the keychain tests), Chromium (Playwright's browser on machines that cannot download one).
#   macOS and Windows: nothing to install (Keychain / Credential Manager are built in).
set -euo pipefail

packages=(libsecret-1-dev pkg-config gnome-keyring dbus chromium g++ make python3)

if [ "$(uname -s)" != "Linux" ]; then
  echo "install-system-deps: nothing to install on $(uname -s)."
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: no apt-get here. Install the equivalents of: ${packages[*]}" >&2
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-system-deps: all present (${packages[*]})."
  exit 0
fi

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "install-system-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
