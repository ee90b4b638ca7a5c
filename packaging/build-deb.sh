#!/bin/sh
# Builds the Debian package of hearing-planner from a built binary and its man page.
#
#   packaging/build-deb.sh BINARY MANPAGE OUTDIR [--for-test]
#
# The package: /usr/bin/hearing-planner, the unit in /lib/systemd/system, the default
# configuration /etc/hearing-planner/config.json (a conffile), the documentation and the licences
# of what the binary contains in /usr/share/doc/hearing-planner, and the man page. Its scripts
# (packaging/debian) create the service's user and an empty token file, and enable nothing.
# Depends: is read from the binary: each shared library it names, by the package that ships it.
# A library no Debian package ships (the Swift runtime of a build without --static-swift-stdlib)
# stops the build, unless --for-test, where the package only has to work on this machine.
set -eu
umask 022

if [ $# -lt 3 ]; then
    echo "usage: $0 BINARY MANPAGE OUTDIR [--for-test]" >&2
    exit 2
fi
binary=$1
manpage=$2
outdir=$3
for_test=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

version=$(head -n 1 "$root/VERSION")
debian_version="$version-1"
arch=$(dpkg --print-architecture)
maintainer=${DEB_MAINTAINER:-"hearing-planner maintainers <hearing-planner@localhost>"}
homepage=${DEB_HOMEPAGE:-"https://github.com/hearing-planner/hearing-planner"}

stage="$outdir/stage"
rm -rf "$stage"
mkdir -p "$stage/DEBIAN"

# The program, without debugging information (a backtrace still names functions).
install -D -m 0755 "$binary" "$stage/usr/bin/hearing-planner"
strip --strip-debug "$stage/usr/bin/hearing-planner"

install -D -m 0644 "$root/systemd/hearing-planner.service" "$stage/lib/systemd/system/hearing-planner.service"
install -D -m 0644 "$root/systemd/hearing-planner.json" "$stage/etc/hearing-planner/config.json"

doc="$stage/usr/share/doc/hearing-planner"
install -d "$doc" "$doc/licences"
install -m 0644 "$root/README.md" "$root/docs/openapi.yaml" "$doc/"
for page in "$root"/docs/*.md; do install -m 0644 "$page" "$doc/"; done
gzip -9n "$doc/performance.md"
# The licences of the Swift packages built into the binary.
for checkout in "$root"/.build/checkouts/*; do
    for licence in "$checkout"/LICENSE*; do
        [ -f "$licence" ] && install -m 0644 "$licence" "$doc/licences/$(basename "$checkout").txt"
    done
done
cat > "$doc/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: hearing-planner
Source: $homepage

Files: *
Copyright: the hearing-planner authors
License: see the project's repository
 The binary also contains the Swift packages it is built from, each under its
 own licence, in /usr/share/doc/hearing-planner/licences/, and, when built with
 --static-swift-stdlib, the Swift runtime and Foundation (Apache-2.0 with the
 Runtime Library Exception).
EOF
date=$(date -u -R -d "@$(stat -c %Y "$root/VERSION")")
printf 'hearing-planner (%s) unstable; urgency=medium\n\n  * Version %s; see the project repository for what changed.\n\n -- %s  %s\n' \
    "$debian_version" "$version" "$maintainer" "$date" | gzip -9n > "$doc/changelog.Debian.gz"

install -D -m 0644 "$manpage" "$stage/usr/share/man/man1/hearing-planner.1"
gzip -9n "$stage/usr/share/man/man1/hearing-planner.1"

for script in postinst prerm postrm; do install -m 0755 "$here/debian/$script" "$stage/DEBIAN/$script"; done
install -m 0644 "$here/debian/conffiles" "$stage/DEBIAN/conffiles"

# Depends: the package of each library the binary names (NEEDED), found through ldd's paths.
depends="adduser"
for library in $(objdump -p "$stage/usr/bin/hearing-planner" | awk '$1 == "NEEDED" { print $2 }'); do
    # "libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (...)", or the loader's "/lib64/ld-linux-x86-64.so.2 (...)".
    path=$(ldd "$binary" | awk -v name="$library" '$1 == name { print $3 } $1 ~ ("/" name "$") { print $1 }' | head -n 1)
    package=""
    if [ -n "$path" ]; then
        for candidate in "$path" "$(readlink -f "$path")" "/usr$path"; do
            package=$(dpkg-query -S "$candidate" 2>/dev/null | head -n 1 | cut -d: -f1) && [ -n "$package" ] && break
        done
    fi
    if [ -z "$package" ]; then
        if [ "$for_test" = "--for-test" ]; then
            echo "build-deb: $library (${path:-not found}) comes from no Debian package; allowed for a test package only" >&2
            continue
        fi
        echo "build-deb: $library (${path:-not found}) comes from no Debian package; build with --static-swift-stdlib (make deb does)" >&2
        exit 1
    fi
    case ", $depends," in *", $package,"*) ;; *) depends="$depends, $package" ;; esac
done

size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s|@VERSION@|$debian_version|" -e "s|@ARCH@|$arch|" -e "s|@MAINTAINER@|$maintainer|" \
    -e "s|@SIZE@|$size|" -e "s|@DEPENDS@|$depends|" -e "s|@HOMEPAGE@|$homepage|" \
    "$here/debian/control.in" > "$stage/DEBIAN/control"
(cd "$stage" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z | xargs -0 md5sum) > "$stage/DEBIAN/md5sums"
chmod 0644 "$stage/DEBIAN/md5sums"

package="$outdir/hearing-planner_${debian_version}_$arch.deb"
if [ "$for_test" = "--for-test" ]; then compression="-Zgzip -z1"; else compression="-Zxz"; fi
# shellcheck disable=SC2086
dpkg-deb --root-owner-group $compression --build "$stage" "$package" >/dev/null
rm -rf "$stage"
echo "$package"
