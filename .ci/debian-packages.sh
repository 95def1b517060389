# Sourced by the .ci/ scripts that need Debian packages (CI runs as root on a fresh machine).
# `install_packages NAME…` installs those of the packages not installed yet, quietly and without
# recommends, updating apt's lists first only when an install from the current ones fails; when
# it cannot, it prints apt's output and exits 1.
install_packages() {
    local missing=() package log
    for package in "$@"; do
        dpkg-query -W -f '${Status}' "$package" 2> /dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    ((${#missing[@]})) || return 0
    echo "installing ${missing[*]} from Debian's packages"
    log="$(mktemp)"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" > "$log" 2>&1 \
        && ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } > "$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        echo "could not install ${missing[*]} from Debian's packages" >&2
        exit 1
    fi
    rm -f "$log"
}
