# shellcheck shell=bash
# A fresh Debian bookworm root for the package tests, sourced by deb_install.sh and
# fresh_setup.sh. The first use debootstraps a minbase bookworm and keeps it as a tar in the
# cache; every test then unpacks a fresh copy of it, so that nothing one test installs is
# seen by the next. The .debs and package lists apt fetches in the root are kept in the
# cache too (bind-mounted), so that a second run downloads only what changed.
#
# It also gives both tests their tally: `tally_start NAME`, then `ok`, `fail MESSAGE`,
# `phase TEXT` (progress, with the seconds since the start) and `finish` (the plain
# `N passed, N failed` line, and the exit status).
#
# The caller sets `cache` (the cache folder) and `tmp` (a folder of its own, removed by
# bookworm_cleanup), and calls, in this order:
#   bookworm_mirror        sets `mirror`: the Debian mirror this machine installs from
#   bookworm_base          makes "$cache/bookworm-minbase.tar" when it is not there yet
#   bookworm_fresh_root    unpacks it into "$tmp/root" (sets `root`), with apt's sources,
#                          resolv.conf, /proc, and the cached archives and lists mounted
#   in_root COMMAND...     runs a command in the root, as root, with a clean environment
#   bookworm_cleanup       (trap it on EXIT) unmounts everything and removes "$tmp"
# Needs root (chroot, mount) and debootstrap.

bookworm_mirror() {
  # The mirror this machine installs from, so that the test reaches what the machine reaches.
  mirror=$(sed -n 's/^URIs: *\([^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources \
    2>/dev/null | head -1)
  [ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' \
    /etc/apt/sources.list 2>/dev/null)
  mirror=${mirror:-http://deb.debian.org/debian}
}

bookworm_base() {
  base="$cache/bookworm-minbase.tar"
  [ -f "$base" ] && return 0
  echo "bookworm_root: debootstrap --variant=minbase bookworm from $mirror (once; cached in $cache)"
  mkdir -p "$cache"
  if ! debootstrap --variant=minbase bookworm "$tmp/base" "$mirror" >"$tmp/debootstrap.log" 2>&1; then
    fail "debootstrap"
    tail -20 "$tmp/debootstrap.log"
    return 1
  fi
  tar -C "$tmp/base" -cf "$base.partial" . && mv "$base.partial" "$base"
  rm -rf "$tmp/base"
}

bookworm_fresh_root() {
  root="$tmp/root"
  mkdir -p "$root"
  tar -C "$root" -xf "$base" || { fail "unpack $base"; return 1; }
  # A clean bookworm as installed: the release, its updates and security updates.
  cat >"$root/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
SOURCES
  # The machine's network settings: its resolver, and the certificate authorities it adds to
  # Debian's own (as a site's proxy may need), which the root's ca-certificates takes up.
  cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp -r /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/" 2>/dev/null
  # The root is thrown away after the test: dpkg need not wait for every file it unpacks to
  # reach the disk, which makes installing hundreds of packages several times faster.
  echo force-unsafe-io >"$root/etc/dpkg/dpkg.cfg.d/nagare-test-unsafe-io"
  mount -t proc proc "$root/proc" || { fail "mount /proc in the root"; return 1; }
  # apt's downloads and lists, kept between runs.
  mkdir -p "$cache/archives/partial" "$cache/lists/partial"
  mount --bind "$cache/archives" "$root/var/cache/apt/archives" &&
    mount --bind "$cache/lists" "$root/var/lib/apt/lists" ||
    { fail "bind-mount the apt cache into the root"; return 1; }
  # apt downloads as its own user, which must be able to write there.
  in_root chown _apt:root /var/cache/apt/archives/partial /var/lib/apt/lists/partial 2>/dev/null
  return 0
}

in_root() {
  chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root "$@"
}

bookworm_cleanup() {
  if [ -n "${root:-}" ]; then
    local mounted
    for mounted in "$root/var/lib/apt/lists" "$root/var/cache/apt/archives" "$root/dev/pts" \
      "$root/proc"; do
      mountpoint -q "$mounted" 2>/dev/null && { umount "$mounted" || umount -l "$mounted"; }
    done
  fi
  # Never delete through a mount point that is still there.
  if ! grep -q " $tmp/" /proc/mounts; then rm -rf "$tmp"; else echo "note: $tmp left mounted"; fi
}

tally_start() {
  tally_name=$1
  failures=0 passed=0
  started=$SECONDS
}
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
phase() { echo "$tally_name: $* ($((SECONDS - started)) s)"; }
finish() {
  echo "$passed passed, $failures failed"
  [ "$failures" = 0 ]
  exit
}
