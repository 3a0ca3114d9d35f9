#!/usr/bin/env bash
# Lays out the files of the flowwatch image (Jib adds them on top of `scratch`): a Java runtime made by the local
# JDK's jlink, the few shared libraries it and RocksDB's JNI library need (glibc, libstdc++, libgcc, zlib) and busybox
# (for the compose healthcheck's wget), all from Debian's packages, a non-root user, /tmp and the flowwatch jar.
# No image registry and no Docker daemon: only Debian's package mirror (`apt-get download`, no root needed for it).
#
#   build-rootfs.sh <flowwatch.jar> <work dir>  -> <work dir>/rootfs (the runtime's layer), <work dir>/app (the jar's)
set -euo pipefail

jar="$1"
work="$2"
rootfs="$work/rootfs"
app="$work/app"
debs="$work/debs"

# The modules `jdeps --print-module-deps --ignore-missing-deps --multi-release 17 flowwatch.jar` lists, plus what is
# loaded by name at run time (TLS elliptic curves, DNS naming, management, zip file system, charsets, JFR).
modules=java.base,java.compiler,java.desktop,java.instrument,java.management,java.naming,java.net.http,java.rmi
modules+=,java.scripting,java.security.jgss,java.security.sasl,java.sql,jdk.httpserver,jdk.management
modules+=,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.naming.dns,jdk.charsets,jdk.localedata,jdk.jfr

# Debian packages holding the libraries of `ldd` on the runtime's java, libjava, libjvm, libzip, libnet and on
# librocksdbjni-linux64.so (the AWT and sound libraries of java.desktop are never loaded by a headless server).
packages=(libc6 libgcc-s1 libstdc++6 zlib1g busybox-static)
libraries=(libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libresolv.so.2 libgcc_s.so.1 libstdc++.so.6 libz.so.1)
multiarch=lib/x86_64-linux-gnu

command -v zip >/dev/null || { echo "build-rootfs: needs zip (apt-get install zip)" >&2; exit 1; }
rm -rf "$rootfs" "$app" "$debs"
mkdir -p "$work/classes"   # Jib asks for this module's compiled classes, which are none
mkdir -p "$rootfs/opt" "$rootfs/$multiarch" "$rootfs/lib64" "$rootfs/bin" "$rootfs/etc" "$app" \
  "$rootfs/tmp" "$rootfs/var/lib/flowwatch" "$debs/root"

jlink="${JAVA_HOME:+$JAVA_HOME/bin/}jlink"
"$jlink" --add-modules "$modules" --include-locales en,hy,ru --strip-debug --no-man-pages --no-header-files \
  --compress=2 --output "$rootfs/opt/java"

# As root, apt warns that its sandbox user cannot write here: harmless, not shown.
(cd "$debs" && apt-get download -q "${packages[@]}" >/dev/null 2> >(grep -v unsandboxed >&2)) \
  || { echo "build-rootfs: apt-get download ${packages[*]} failed (run apt-get update first?)" >&2; exit 1; }
for deb in "$debs"/*.deb; do dpkg-deb -x "$deb" "$debs/root"; done

# Only the libraries, each under its soname, copied through symlinks (an image layer would store a symlink's target
# twice): Debian's packages put them in /lib/x86_64-linux-gnu or /usr/lib/x86_64-linux-gnu.
for lib in "${libraries[@]}"; do
  found=""
  for dir in "$debs/root/$multiarch" "$debs/root/usr/$multiarch"; do [ -e "$dir/$lib" ] && found="$dir/$lib"; done
  [ -n "$found" ] || { echo "build-rootfs: $lib is in none of ${packages[*]}" >&2; exit 1; }
  cp -L "$found" "$rootfs/$multiarch/$lib"
done
cp -L "$debs/root/$multiarch/ld-linux-x86-64.so.2" "$rootfs/lib64/ld-linux-x86-64.so.2"
cp -L "$debs/root/bin/busybox" "$rootfs/bin/busybox"

cat >"$rootfs/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
flowwatch:x:10001:10001:flowwatch:/var/lib/flowwatch:/sbin/nologin
EOF
cat >"$rootfs/etc/group" <<'EOF'
root:x:0:
flowwatch:x:10001:
EOF
# /etc/hosts first: `localhost` must not depend on DNS.
cat >"$rootfs/etc/nsswitch.conf" <<'EOF'
passwd: files
group: files
hosts: files dns
EOF

# The jar without RocksDB's libraries for other systems (60 of its 132 MB; zip is Debian's `zip` package).
cp "$jar" "$app/flowwatch.jar"
zip -q -d "$app/flowwatch.jar" 'librocksdbjni-*' -x 'librocksdbjni-linux64.so' >/dev/null
