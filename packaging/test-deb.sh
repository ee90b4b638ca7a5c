#!/bin/sh
# Installs the Debian package on this machine, checks it as an operator would, and purges it.
#
#   packaging/test-deb.sh PACKAGE.deb
#
# Checks: dpkg installs it; the user, the configuration and an empty token file (root, group
# hearing-planner, 0640) exist and nothing is enabled; `systemd-analyze verify` says nothing and
# `systemd-analyze security --offline=yes` rates the installed unit at most 1.5; the installed
# binary has the version of VERSION, plans the sample week, adds a token the service's user can
# read, and serves as that user (healthz, a reload on SIGHUP, a clean stop); the man page renders;
# removing keeps the configuration; purging leaves no file, user or group behind.
#
# It needs root (dpkg). Without root, or where a hearing-planner package is installed already
# (the test would purge it), it says why and skips, with exit status 0.
set -eu

deb=$1
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/hearing-planner-deb-test.XXXXXX)
version=$(head -n 1 "$root/VERSION")

say() { printf 'test-deb: %s\n' "$*"; }
fail() { printf 'test-deb: FAILED: %s\n' "$*" >&2; exit 1; }

if [ "$(id -u)" != 0 ]; then
    say "SKIPPED: installing a package needs root (dpkg -i); run make test as root to include it"
    exit 0
fi
if dpkg-query -W -f='${Status}' hearing-planner 2>/dev/null | grep -q "installed"; then
    say "SKIPPED: a hearing-planner package is installed on this machine, and the test would purge it"
    exit 0
fi

# One test at a time on a machine: dpkg has one database.
exec 9>/tmp/hearing-planner-deb-test.lock
flock -w 600 9 || fail "another package test held the lock for ten minutes"

leftovers() {
    find /etc /var /usr /srv /opt -xdev -name '*hearing-planner*' \
        ! -path '/var/tmp/*' ! -path '/tmp/*' ! -path '/var/lib/dpkg/info/*' -print 2>/dev/null | sort
    ls /var/lib/dpkg/info/hearing-planner.* 2>/dev/null || true
    getent passwd hearing-planner || true
    getent group hearing-planner || true
}
leftovers > "$work/before"

server=""
cleanup() {
    status=$?
    [ -n "$server" ] && kill "$server" 2>/dev/null || true
    dpkg --purge hearing-planner >/dev/null 2>&1 || true
    rm -rf "$work"
    exit $status
}
trap cleanup EXIT

say "installing $(basename "$deb")"
dpkg -i "$deb" > "$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "dpkg -i failed"; }

getent passwd hearing-planner >/dev/null || fail "no user hearing-planner"
[ "$(stat -c '%a %U %G' /etc/hearing-planner)" = "755 root root" ] || fail "/etc/hearing-planner: $(stat -c '%a %U %G' /etc/hearing-planner)"
[ "$(stat -c '%a %U %G %s' /etc/hearing-planner/tokens)" = "640 root hearing-planner 0" ] \
    || fail "the token file: $(stat -c '%a %U %G %s' /etc/hearing-planner/tokens)"
[ -f /etc/hearing-planner/config.json ] || fail "no /etc/hearing-planner/config.json"
if ls /etc/systemd/system/*.wants/hearing-planner.service >/dev/null 2>&1; then fail "the package enabled the unit"; fi
[ "$(/usr/bin/hearing-planner --version)" = "$version" ] || fail "--version says $(/usr/bin/hearing-planner --version), not $version"
MANWIDTH=80 man -l /usr/share/man/man1/hearing-planner.1.gz 2>/dev/null | grep -q "state" || fail "the man page does not render or lacks the state command"

say "systemd-analyze verify and security on the installed unit"
unit=/lib/systemd/system/hearing-planner.service
systemd-analyze verify "$unit" > "$work/verify.out" 2>&1 || { cat "$work/verify.out" >&2; fail "systemd-analyze verify"; }
[ -s "$work/verify.out" ] && { cat "$work/verify.out" >&2; fail "systemd-analyze verify printed something"; }
systemd-analyze security --offline=yes --threshold=15 "$unit" > "$work/security.out" 2>&1 \
    || { tail -n 3 "$work/security.out" >&2; fail "systemd-analyze security: exposure above 1.5"; }
say "$(grep 'Overall exposure level' "$work/security.out" | sed 's/^→ //')"

say "the installed binary plans the sample week"
(cd "$work" && /usr/bin/hearing-planner plan "$root/data/sample/roster.json" -o plan.json --time-limit 60) > "$work/plan.log" 2>&1 \
    || { cat "$work/plan.log" >&2; fail "plan"; }
grep -q '"format" *: *"hearing-planner/plan@1"' "$work/plan.json" || grep -q '"hearing-planner/plan@1"' "$work/plan.json" || fail "no plan@1 written"

say "a token added by root stays readable by the service's user, which serves with it"
token=$(/usr/bin/hearing-planner token add operator --role viewer 2>/dev/null)
[ "$(stat -c '%a %U %G' /etc/hearing-planner/tokens)" = "640 root hearing-planner" ] || fail "token add changed the token file's mode or owner"
runuser -u hearing-planner -- /usr/bin/hearing-planner token list --tokens /etc/hearing-planner/tokens > "$work/list.out" 2>&1 \
    || { cat "$work/list.out" >&2; fail "the service's user cannot read the token file"; }
grep -q '^operator' "$work/list.out" || fail "token list does not show the token"
# What StateDirectory= does under systemd: the state directory, the service's alone.
install -d -m 0700 -o hearing-planner -g hearing-planner /var/lib/hearing-planner
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# setpriv executes the daemon itself (runuser would stay its parent), so that signals reach it.
setpriv --reuid=hearing-planner --regid=hearing-planner --init-groups -- /usr/bin/hearing-planner serve --config /etc/hearing-planner/config.json --listen "127.0.0.1:$port" \
    > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do grep -q "listening address=" "$work/serve.log" && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$port/healthz" | grep -q "\"version\" *: *\"$version\"" || { cat "$work/serve.log" >&2; fail "/healthz"; }
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port/readyz")" = 503 ] || fail "the token is refused"
/usr/bin/hearing-planner token revoke operator 2>/dev/null
kill -HUP "$server"
for _ in $(seq 1 50); do grep -q "reloaded the token file" "$work/serve.log" && break; sleep 0.1; done
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port/readyz")" = 401 ] \
    || { cat "$work/serve.log" >&2; fail "the revoked token still works after SIGHUP"; }
kill -TERM "$server"
wait "$server" || fail "serve did not stop cleanly"
server=""
[ "$(stat -c '%U %a' /var/lib/hearing-planner/state.sqlite)" = "hearing-planner 600" ] || fail "state.sqlite: $(stat -c '%U %a' /var/lib/hearing-planner/state.sqlite)"
/usr/bin/hearing-planner state check > "$work/check.out" 2>&1 || { cat "$work/check.out" >&2; fail "state check"; }

say "remove keeps the configuration; purge leaves nothing"
dpkg -r hearing-planner > "$work/remove.log" 2>&1 || { cat "$work/remove.log" >&2; fail "dpkg -r"; }
[ ! -e /usr/bin/hearing-planner ] || fail "remove left the binary"
[ -f /etc/hearing-planner/config.json ] && [ -f /etc/hearing-planner/tokens ] || fail "remove deleted the configuration"
dpkg --purge hearing-planner > "$work/purge.log" 2>&1 || { cat "$work/purge.log" >&2; fail "dpkg --purge"; }
leftovers > "$work/after"
diff "$work/before" "$work/after" >&2 || fail "purge left the lines marked > above"
say "passed"
