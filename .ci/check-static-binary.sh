#!/usr/bin/env bash
# Issue 19's binary proof: a release `authstub` with the Swift runtime linked in
# (`--static-swift-stdlib`) runs on a minimal Debian root that has no Swift at all.
#
# 1. Installs what it needs from Debian's packages when missing (libcurl4-openssl-dev, which
#    FoundationNetworking links against, debootstrap, binutils, curl).
# 2. Builds the binary in its own scratch path, .build/static.
# 3. Prints its size, every shared library it still needs (ldd, readelf's NEEDED entries), the
#    oldest glibc it runs on (its highest GLIBC_x.y symbol version) and the other versioned
#    dependencies.
# 4. Picks the oldest Debian release on the mirror apt uses whose glibc is new enough, and
#    debootstraps it (minbase, plus only the packages the NEEDED libraries come from) into
#    .build/static-root/, kept between runs: a finished root is reused, an unfinished one
#    never is. Proves there is no Swift in it.
# 5. In a chroot (same network, its own mount namespace, as `nobody`): the binary alone
#    validates a fixture folder but refuses the bundled fixtures (the resource bundle is what
#    they need); with the bundle beside it, --version, validate and serve; from outside, a
#    login with curl and control calls; SIGTERM, then exit 0 and "Stopped (SIGTERM).".
#
# Every mount (debootstrap's, the chroot's /proc) lives in a mount namespace of its own
# (unshare --mount), so it ends with its process and none is ever left on the host; the script
# checks that none is. Needs root, as CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "check-static-binary: $*"; }
fail() {
    echo "check-static-binary: $*" >&2
    exit 1
}

started=$SECONDS
scratch=.build/static
roots=.build/static-root
logs="$(mktemp -d)"
server=""
root=""
app=/opt/authstub

# No mount may be left under the cached roots (nor may a folder with one be removed).
assert_no_mounts() {
    local under
    under="$(realpath -m "$1")"
    if findmnt -rn -o TARGET | grep -q -F "$under/"; then
        fail "mounts are left under $under: $(findmnt -rn -o TARGET | grep -F "$under/" | tr '\n' ' ')"
    fi
}

cleanup() {
    if [[ -n "$server" ]] && kill -0 "$server" 2>/dev/null; then kill -KILL "$server" 2>/dev/null || true; fi
    [[ -n "$root" ]] && rm -rf "${root:?}$app"
    rm -rf "$logs"
    [[ -d "$roots" ]] && assert_no_mounts "$roots"
}
trap cleanup EXIT

# Runs a command in the Debian root as `nobody`, with /proc mounted (without it the binary dies
# at start with SIGILL) in a private mount namespace: `"${in_root[@]}" "$root" COMMAND…`.
# unshare, sh and chroot each exec the next, so `$!` of a background call is the command itself.
in_root=(unshare --mount --propagation private -- sh -c 'mount -t proc proc "$0/proc" && exec chroot --userspec=65534:65534 "$0" "$@"')

# --- 1. Tools -------------------------------------------------------------------------------
source .ci/debian-packages.sh
install_packages libcurl4-openssl-dev debootstrap binutils curl

# --- 2. Build -------------------------------------------------------------------------------
build=(swift build -c release --static-swift-stdlib --scratch-path "$scratch")
say "building: ${build[*]} --product authstub"
phase=$SECONDS
"${build[@]}" --product authstub > "$logs/build.log" 2>&1 || { cat "$logs/build.log" >&2; fail "the static build failed"; }
build_seconds=$((SECONDS - phase))
bin="$("${build[@]}" --show-bin-path)/authstub"
bundle="$(dirname "$bin")/AuthStub_AuthStubFixtures.resources"
[[ -x "$bin" ]] || fail "no binary at $bin"
[[ -f "$bundle/fixtures/wice/service.json" ]] || fail "no resource bundle with the fixtures at $bundle"

# --- 3. What it needs -----------------------------------------------------------------------
bytes=$(stat -c %s "$bin")
say "binary: $bin, $bytes bytes ($((bytes / 1048576)) MiB), built in ${build_seconds}s"
say "resource bundle: $bundle, $(du -sk "$bundle" | cut -f1) KiB"
say "ldd (every shared library, direct and indirect):"
ldd "$bin" | sed 's/^[[:space:]]*/    /'
if ldd "$bin" | grep -q "not found"; then fail "a shared library is missing on this machine"; fi
needed=($(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'))
say "NEEDED (linked directly): ${needed[*]}"
if printf '%s\n' "${needed[@]}" | grep -q -i swift; then fail "the binary still needs a Swift library"; fi

# The version needs (readelf -V): each library and the versions of it the binary asks for,
# highest first.
versions="$(readelf -V -W "$bin" | awk '
    /File:/ { for (i = 1; i <= NF; i++) if ($i == "File:") file = $(i + 1) }
    /Name:/ { for (i = 1; i <= NF; i++) if ($i == "Name:") print file, $(i + 1) }' | sort -k1,1 -k2,2Vr)"
glibc="$(awk '$2 ~ /^GLIBC_[0-9.]+$/ { sub("GLIBC_", "", $2); print $2 }' <<< "$versions" | sort -V | tail -n 1)"
[[ -n "$glibc" ]] || fail "no GLIBC_ symbol version found in $bin"
say "oldest glibc it runs on: $glibc (its highest GLIBC_ symbol version), first needed by:"
objdump -T "$bin" | awk -v v="GLIBC_$glibc" '$0 ~ "[( ]" v "[) ]" { print "    " $NF "@" v }' | sort -u | head -n 5
say "the highest version of each versioned dependency (each family of versions):"
awk '{ family = $2; sub(/_[^_]*$/, "", family) } !seen[$1 " " family]++ { line[$1] = line[$1] (line[$1] ? ", " : "") $2 }
    END { for (file in line) print "    " file ": " line[file] }' <<< "$versions" | sort

# --- 4. A Debian root -----------------------------------------------------------------------
# Debian releases and the glibc each ships, oldest first; the oldest one whose glibc is new
# enough and that the mirror still carries is used.
releases=("buster 2.28" "bullseye 2.31" "bookworm 2.36" "trixie 2.41")
mirror="$(apt-get indextargets --format '$(REPO_URI)' 'Created-By: Packages' 2> /dev/null | grep -m 1 '/debian/$' || true)"
[[ -n "$mirror" ]] || fail "apt has no Debian mirror configured (no …/debian/ in apt-get indextargets)"
suite=""
for release in "${releases[@]}"; do
    read -r name libc <<< "$release"
    if [[ "$(printf '%s\n%s\n' "$glibc" "$libc" | sort -V | head -n 1)" != "$glibc" ]]; then
        say "$name: glibc $libc is older than $glibc"
        continue
    fi
    if curl -fsS --max-time 20 -o /dev/null "${mirror}dists/$name/Release" 2> "$logs/mirror.log"; then
        suite=$name
        say "$name: glibc $libc, on $mirror: used"
        break
    fi
    say "$name: glibc $libc, but ${mirror}dists/$name/Release cannot be fetched: $(tr '\n' ' ' < "$logs/mirror.log")"
done
[[ -n "$suite" ]] || fail "no Debian release with glibc ≥ $glibc can be fetched from $mirror: is the mirror reachable?"

# The Debian packages the NEEDED libraries come from on this machine (same names in every
# release above).
packages=()
for library in "${needed[@]}"; do
    path="$(ldd "$bin" | awk -v l="$library" '$1 == l && $2 == "=>" { print $3 } $1 ~ "/" l "$" { print $1 }')"
    [[ -n "$path" ]] || fail "ldd does not resolve $library"
    real="$(readlink -f "$path")"
    owner="$(dpkg -S "$path" 2> /dev/null || dpkg -S "$real" 2> /dev/null || dpkg -S "${real#/usr}" 2> /dev/null)" \
        || fail "no Debian package owns $path"
    packages+=("${owner%%:*}")
done
packages=($(printf '%s\n' "${packages[@]}" | sort -u))
say "runtime packages for the NEEDED libraries: ${packages[*]}"

root="$roots/$suite-$(printf '%s,' "${packages[@]}" | sha256sum | cut -c1-12)"
phase=$SECONDS
if [[ -f "$root/.authstub-root-complete" ]]; then
    say "reusing the Debian root $root (remove it to build it again)"
else
    partial="$root.partial"
    mkdir -p "$roots"
    assert_no_mounts "$roots"
    rm -rf "$partial"
    say "debootstrap --variant=minbase --include=$(
        IFS=,
        echo "${packages[*]}"
    ) $suite $root $mirror"
    if ! unshare --mount --propagation private -- \
        debootstrap --variant=minbase --include="$(
            IFS=,
            echo "${packages[*]}"
        )" "$suite" "$partial" "$mirror" > "$logs/debootstrap.log" 2>&1; then
        tail -n 20 "$logs/debootstrap.log" >&2
        assert_no_mounts "$roots"
        rm -rf "$partial"
        fail "debootstrap of $suite from $mirror failed (is the mirror reachable?)"
    fi
    assert_no_mounts "$roots"
    touch "$partial/.authstub-root-complete"
    rm -rf "$root"
    mv "$partial" "$root"
fi
root_seconds=$((SECONDS - phase))
say "Debian root: $(cat "$root/etc/debian_version") ($suite), libc6 $(chroot "$root" dpkg-query -W -f '${Version}' libc6), $(du -sm "$root" | cut -f1) MiB, ready in ${root_seconds}s"

# No Swift anywhere in it: no swift command or swift-* tool, no libswift* library.
swiftish="$(find "$root" -xdev \( -name swift -o -name 'swift-*' -o -name 'libswift*' \) | head -n 5)"
[[ -z "$swiftish" ]] || fail "the Debian root holds Swift: $swiftish"
if chroot "$root" sh -c 'command -v swift' > /dev/null; then fail "the Debian root has a swift command"; fi
say "no Swift in the root: no swift or swift-* file, no libswift* library (libswiftCore.so)"

# --- 5. In the chroot -----------------------------------------------------------------------
rm -rf "${root:?}$app"
mkdir -p "$root$app"
cp "$bin" "$root$app/"

# The binary alone serves folders of fixtures, but not the bundled ones.
mkdir -p "$root$app/my-fixtures"
cp -r fixtures/usertoken "$root$app/my-fixtures/"
"${in_root[@]}" "$root" "$app/authstub" validate "$app/my-fixtures" > "$logs/validate-own.log" 2>&1 \
    || { cat "$logs/validate-own.log" >&2; fail "validate of a fixture folder failed with the binary alone"; }
if "${in_root[@]}" "$root" "$app/authstub" validate > "$logs/alone.log" 2>&1; then fail "validate found bundled fixtures with no resource bundle"; fi
grep -q "cannot find AuthStub's bundled fixtures" "$logs/alone.log" \
    || { cat "$logs/alone.log" >&2; fail "without its resource bundle the binary did not say so"; }
say "binary alone: validates my-fixtures; the bundled fixtures: $(grep -m 1 -o "cannot find AuthStub's bundled fixtures[^)]*)" "$logs/alone.log")"

cp -r "$bundle" "$root$app/"
version="$("${in_root[@]}" "$root" "$app/authstub" --version)" || fail "authstub --version failed in the chroot"
[[ "$version" =~ [0-9]+\.[0-9]+\.[0-9]+ ]] || fail "authstub --version printed '$version'"
say "chroot: authstub --version: $version"
"${in_root[@]}" "$root" "$app/authstub" validate > "$logs/validate.log" 2>&1 || { cat "$logs/validate.log" >&2; fail "authstub validate failed in the chroot"; }
grep -q "^OK: 3 services" "$logs/validate.log" || { cat "$logs/validate.log" >&2; fail "authstub validate did not find the 3 bundled services"; }
say "chroot: authstub validate: $(head -n 1 "$logs/validate.log")"

"${in_root[@]}" "$root" "$app/authstub" serve --port 0 > "$logs/serve.log" 2>&1 &
server=$!
url=""
for _ in $(seq 1 100); do
    url="$(awk '/listening on/ { print $NF; exit }' "$logs/serve.log")"
    [[ -n "$url" ]] && break
    kill -0 "$server" 2>/dev/null || { cat "$logs/serve.log" >&2; fail "authstub serve exited in the chroot"; }
    sleep 0.1
done
[[ -n "$url" ]] || { cat "$logs/serve.log" >&2; fail "authstub serve did not start in the chroot"; }
say "chroot: $(head -n 1 "$logs/serve.log")"

login="$(curl -sS -u user:secret -X POST "$url/auth/login")" || fail "login request failed"
token="$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["token"])' "$login")" \
    || fail "the login answered $login"
say "outside: POST /auth/login (usertoken, Basic user:secret): 200, token ${token:0:4}…"
held="$(curl -sS "$url/__control/tokens" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["tokens"]))')"
[[ "$held" == 1 ]] || fail "GET /__control/tokens lists $held tokens, not 1"
expired="$(curl -sS -X POST "$url/__control/tokens/expire")"
[[ "$expired" == *'"expired"'*1* ]] || fail "POST /__control/tokens/expire answered $expired"
status="$(curl -sS -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $token" "$url/auth/bump")"
[[ "$status" == 401 ]] || fail "the expired token got $status on /auth/bump, not 401"
say "outside: GET /__control/tokens: 1 token; POST /__control/tokens/expire: $expired; the token then gets 401"

kill -TERM "$server"
code=0
wait "$server" || code=$?
server=""
[[ "$code" == 0 ]] || { cat "$logs/serve.log" >&2; fail "authstub serve exited with $code after SIGTERM, not 0"; }
grep -q -x "Stopped (SIGTERM)." "$logs/serve.log" || { cat "$logs/serve.log" >&2; fail "no 'Stopped (SIGTERM).' line"; }
say "chroot: SIGTERM: exit 0, \"Stopped (SIGTERM).\""

say "passed in $((SECONDS - started))s (build ${build_seconds}s, Debian root ${root_seconds}s)"
