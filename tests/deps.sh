#!/bin/sh
# Install the Debian packages the build and tests need, if missing.
# As root: apt-get; otherwise print the exact command.
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
	echo "deps: installing$missing"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$missing >/dev/null || exit 1
else
	echo "deps: missing packages; run:"
	echo "  sudo apt-get update && sudo apt-get install -y$missing"
	exit 1
fi
