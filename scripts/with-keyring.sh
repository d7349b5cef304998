#!/usr/bin/env bash
# Runs a command with a real OS keychain: a throwaway D-Bus session and a throwaway, unlocked
# gnome-keyring (TOOLCHAIN.md "A real OS keychain in tests"). Nothing touches the user's keyrings.
#   bash scripts/with-keyring.sh <command> [args...]
set -euo pipefail

if [ -z "${__DQOPS_IN_DBUS_SESSION:-}" ]; then
  for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "with-keyring: '$tool' is missing. On Debian/Ubuntu: sudo apt-get install dbus gnome-keyring" >&2
      exit 1
    fi
  done
  export __DQOPS_IN_DBUS_SESSION=1
  exec dbus-run-session -- bash "$0" "$@"
fi

tmp=$(mktemp -d -t dqops-keyring.XXXXXX)
chmod 700 "$tmp"
export XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run" XDG_CONFIG_HOME="$tmp/config"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME"
chmod 700 "$XDG_RUNTIME_DIR"

# A non-empty throwaway password on stdin unlocks the new login keyring without a GUI prompt.
printf 'throwaway-test-keyring\n' | gnome-keyring-daemon --foreground --unlock --components=secrets >"$tmp/daemon.log" 2>&1 &
daemon=$!
cleanup() {
  kill "$daemon" 2>/dev/null || true
  wait "$daemon" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
    ready=1
    break
  fi
  sleep 0.1
done
if [ -z "${ready:-}" ]; then
  echo "with-keyring: gnome-keyring did not start; its log:" >&2
  cat "$tmp/daemon.log" >&2
  exit 1
fi

export DQOPS_TEST_KEYRING=1
"$@"
