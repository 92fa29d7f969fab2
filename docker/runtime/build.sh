#!/usr/bin/env bash
# Builds the base of the operator image without a Docker engine or a container registry: a Java 17
# runtime made with jlink, and the few system libraries it loads, both from the Debian 12 packages
# pinned in packages.lock (the way distroless images are made from .debs). The result is a
# `docker save`-format tarball that Jib takes as its base image (tar://, see ../pom.xml):
#
#   layer "system files"  glibc, zlib, libgcc, libstdc++ (only the files the runtime links), the
#                         C.UTF-8 locale, the packages' copyright files and dpkg status (for
#                         image scanners), /etc/passwd and /etc/group with user herd
#                         (10001:10001), /tmp, /var/lib/herd
#   layer "java runtime"  /opt/java, linked from the pinned JDK's jmods by that JDK's own jlink
#
# Usage: build.sh OUTPUT_DIRECTORY   (writes OUTPUT_DIRECTORY/herd-runtime.tar)
# Downloaded packages are kept in ${HERD_DEB_CACHE:-~/.cache/herd/debs}, named by SHA-256.
set -euo pipefail

fail() {
  printf 'herd image: %s\n' "$*" >&2
  exit 1
}

# What this needs of the machine. Debian 12's apt is the only source of the pinned packages here.
for tool in apt-get dpkg-deb sha256sum tar; do
  command -v "$tool" >/dev/null || fail "'$tool' not found. The operator image is built from Debian 12" \
    "packages with apt-get, so it builds on Debian 12 (which has all of these). Elsewhere, build" \
    "without it: ./mvnw package -Dherd.image.skip=true"
done
[[ $(uname -m) == x86_64 ]] || fail "the image is linux/amd64 and its jlink runs here: build it on an x86_64 machine, or pass -Dherd.image.skip=true"
tar --sort=name --version >/dev/null 2>&1 || fail "GNU tar 1.28 or later is needed (tar --sort=name)"

here=$(cd "$(dirname "$0")" && pwd)
out=$(realpath --canonicalize-missing "${1:?usage: build.sh OUTPUT_DIRECTORY}")
cache=${HERD_DEB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/herd/debs}
uid=10001
gid=10001

# Nothing to do when the inputs are those of the tarball already there.
inputs=$(cat "$here/build.sh" "$here/packages.lock" "$here/modules" "$here"/etc/* | sha256sum | cut -d' ' -f1)
if [[ -f $out/herd-runtime.tar && $(cat "$out/inputs" 2>/dev/null) == "$inputs" ]]; then
  echo "herd image: runtime base $out/herd-runtime.tar is up to date"
  exit 0
fi

rm -rf "$out"
debs="$out/debs"      # every pinned package unpacked, the JDK included
sys="$out/system"     # the "system files" layer
java="$out/java"      # the "java runtime" layer
mkdir -p "$debs" "$sys" "$java" "$cache"

# 1. Fetch the pinned packages (checked against packages.lock) and unpack them.
packages=()
versions=()
jdk_version=
while read -r name version sha256; do
  [[ -z $name || $name == \#* ]] && continue
  deb="$cache/$sha256.deb"
  if ! sha256sum --quiet --check <<<"$sha256  $deb" >/dev/null 2>&1; then
    tmp=$(mktemp -d "$cache/.download.XXXXXX")
    (cd "$tmp" && apt-get download -q "$name=$version" </dev/null >/dev/null 2>"$tmp/apt.log") \
      || fail "apt-get download $name=$version failed: $(tail -1 "$tmp/apt.log"). Run 'apt-get update'" \
        "(as root); if the version is still missing, the archive has replaced it: run docker/runtime/pin.sh" \
        "and commit docker/runtime/packages.lock. Not on Debian 12? Build without the image:" \
        "./mvnw package -Dherd.image.skip=true"
    actual=$(sha256sum "$tmp"/*.deb | cut -d' ' -f1)
    [[ $actual == "$sha256" ]] || fail "$name $version has SHA-256 $actual; packages.lock pins $sha256"
    mv "$tmp"/*.deb "$deb"
    rm -rf "$tmp"
  fi
  dpkg-deb --extract "$deb" "$debs"
  mkdir -p "$sys/var/lib/dpkg/status.d"
  dpkg-deb --field "$deb" >"$sys/var/lib/dpkg/status.d/$name"
  [[ $name == openjdk-17-jdk-headless ]] && jdk_version=$version
  packages+=("$name")
  versions+=("$name $version")
done <"$here/packages.lock"
((${#packages[@]} > 0)) || fail "packages.lock names no package"
for name in "${packages[@]}"; do
  mkdir -p "$sys/usr/share/doc/$name"
  cp --dereference "$debs/usr/share/doc/$name/copyright" "$sys/usr/share/doc/$name/copyright"
done

# The JDK's configuration files are symlinks to /etc/java-17-openjdk; point them at the unpacked
# copy, so that the pinned jlink runs whether or not this machine has a Java of its own.
jdk="$debs/usr/lib/jvm/java-17-openjdk-amd64"
[[ -x $jdk/bin/jlink ]] || fail "packages.lock must include openjdk-17-jdk-headless and openjdk-17-jre-headless"
find "$jdk" -type l -lname '/*' | while read -r link; do ln -sfn "$debs$(readlink "$link")" "$link"; done

# 2. The Java runtime. The AWT, font, sound and image natives of java.desktop are left out: they link
# X11, freetype, ALSA, lcms and libjpeg, which a server never loads and the image does not carry.
modules=$(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$here/modules" | paste -sd, -)
"$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages \
  --exclude-files='**/libawt_xawt.so,**/libjawt.so,**/libsplashscreen.so,**/libfontmanager.so,**/libjavajpeg.so,**/libjsound.so,**/liblcms.so' \
  --output "$java/opt/java"

# 3. The system libraries: exactly those the runtime's executables and libraries link, found by the
# pinned glibc's own loader (ld.so --list). A library found outside the pinned packages, or not at
# all, stops the build: add its package to packages.lock or leave out what needs it.
loader="$debs/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
search="$debs/lib/x86_64-linux-gnu:$debs/usr/lib/x86_64-linux-gnu:$java/opt/java/lib:$java/opt/java/lib/server"
printf '\177ELF' >"$out/elf-magic"
missing=()
while IFS= read -r -d '' file; do
  cmp -s -n 4 "$file" "$out/elf-magic" || continue
  while read -r line; do
    if [[ $line == *"not found"* || $line == *error* ]]; then
      missing+=("${file#"$java"/}: $line")
      continue
    fi
    read -r needed arrow path _ <<<"$line"
    [[ $arrow == "=>" ]] || continue
    case $path in
      "$java"/*) ;;
      "$debs"/*)
        # The program interpreter goes where executables name it (/lib64/...), a library under its
        # own directory; both as plain files, with the name the loader looks for.
        if [[ $needed == /* ]]; then target="$sys$needed"; else target="$sys${path#"$debs"}"; fi
        mkdir -p "$(dirname "$target")"
        cp --dereference "$path" "$target"
        ;;
      *) missing+=("${file#"$java"/}: $needed => $path") ;;
    esac
  done < <("$loader" --list --inhibit-cache --library-path "$search" "$file" 2>&1 || true)
done < <(find "$java" -type f -print0)
((${#missing[@]} == 0)) || fail "libraries outside packages.lock:"$'\n'"$(printf '  %s\n' "${missing[@]}")"

# 4. Users, the C.UTF-8 locale (so that Java reads and writes UTF-8 under LANG=C.UTF-8), the
# temporary directory and herd's working directory.
cp -r "$here/etc" "$sys/etc"
mkdir -p "$sys/usr/lib/locale"
cp -r "$debs/usr/lib/locale/C.utf8" "$sys/usr/lib/locale/C.utf8"
mkdir -p "$sys/tmp" "$sys/var/lib/herd"
chmod -R u=rwX,go=rX "$sys" "$java"
chmod 1777 "$sys/tmp"

# 5. The base image: reproducible layer tarballs (fixed order, time and owners) and a docker-save
# manifest. Only /var/lib/herd belongs to herd, so that a volume mounted there is writable.
layer() { # DIRECTORY TARBALL, prints the tarball's SHA-256 (the layer's diff id)
  local dir=$1 tarball=$2
  local common=(--format=gnu --sort=name --mtime=@1 --numeric-owner --hard-dereference -C "$dir")
  (cd "$dir" && find . -mindepth 1 -maxdepth 1 -printf '%P\n' | LC_ALL=C sort) >"$out/entries"
  tar "${common[@]}" --owner=0 --group=0 --exclude=var/lib/herd \
    -cf "$tarball" --files-from="$out/entries"
  if [[ -d $dir/var/lib/herd ]]; then
    tar "${common[@]}" --owner="$uid" --group="$gid" --no-recursion -rf "$tarball" var/lib/herd
  fi
  sha256sum "$tarball" | cut -d' ' -f1
}
image="$out/image"
mkdir -p "$image"
system_id=$(layer "$sys" "$image/system.tar")
java_id=$(layer "$java" "$image/java.tar")
epoch=1970-01-01T00:00:00Z
cat >"$image/config.json" <<EOF
{
  "architecture": "amd64",
  "os": "linux",
  "created": "$epoch",
  "config": {
    "Env": ["PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java", "LANG=C.UTF-8"]
  },
  "rootfs": {"type": "layers", "diff_ids": ["sha256:$system_id", "sha256:$java_id"]},
  "history": [
    {"created": "$epoch", "created_by": "docker/runtime/build.sh: $(IFS=,; echo "${versions[*]}")", "comment": "system files"},
    {"created": "$epoch", "created_by": "docker/runtime/build.sh: jlink of openjdk-17-jdk-headless $jdk_version", "comment": "java runtime"}
  ]
}
EOF
cat >"$image/manifest.json" <<EOF
[{"Config": "config.json", "RepoTags": ["herd-runtime:17"], "Layers": ["system.tar", "java.tar"]}]
EOF
tar --format=gnu --mtime=@1 --owner=0 --group=0 --numeric-owner -C "$image" \
  -cf "$out/herd-runtime.tar" manifest.json config.json system.tar java.tar
rm -rf "$debs" "$sys" "$java" "$image" "$out/entries" "$out/elf-magic"
echo "$inputs" >"$out/inputs"
echo "herd image: runtime base $out/herd-runtime.tar ($(IFS=,; echo "${versions[*]}"))"
