#!/usr/bin/env bash
# Issue 14's docs proof: both DocC catalogs build with the toolchain's own `docc convert` (no
# package dependency, no plugin) from the symbol graphs SwiftPM dumps, and any DocC warning
# (a symbol link or <doc:> link that does not resolve, a missing image, …) fails the check.
# The README stays a front door of at most 20,000 bytes whose relative links all exist.
# The archives go to .build/docs/<Module>.doccarchive.
set -euo pipefail
cd "$(dirname "$0")/.."

readme_limit=20000
readme_bytes=$(wc -c < README.md)
if (( readme_bytes > readme_limit )); then
    echo "check-docs: README.md is $readme_bytes bytes, over the $readme_limit-byte limit: move the detail into an article" >&2
    exit 1
fi
missing=0
for doc in README.md .github/CONTRIBUTING.md; do
    # Relative links, inline `](path)` or reference-style `[name]: path`; anchors and URLs skipped.
    while IFS= read -r target; do
        [[ -e "$(dirname "$doc")/$target" ]] || { echo "check-docs: $doc links to $target, which does not exist" >&2; missing=1; }
    done < <(grep -oE '\]\([^)#:]+\)|^\[[^]]+\]: [^ #:]+$' "$doc" | sed -E 's/^\]\((.*)\)$/\1/; s/^\[[^]]+\]: //')
done
(( missing == 0 )) || exit 1

docc="${DOCC:-$(dirname "$(readlink -f "$(command -v swift)")")/docc}"
[[ -x "$docc" ]] || { echo "check-docs: no docc at $docc (set DOCC)" >&2; exit 1; }

dump="$(swift package dump-symbol-graph --emit-extension-block-symbols 2>&1)" || { echo "$dump" >&2; exit 1; }
graphs="$(sed -n 's/^Files written to //p' <<< "$dump" | tail -n 1)"
[[ -d "$graphs" ]] || { echo "$dump" >&2; echo "check-docs: no symbol graph folder in the output above" >&2; exit 1; }

out=.build/docs
failed=0
for module in AuthStub AuthStubTesting; do
    # One folder per module: the module's own graph and its extensions of other modules
    # (AuthStubTesting@AuthStub, @Testing, @XCTest), so each archive documents one module.
    rm -rf "$out/symbols/$module" "$out/$module.doccarchive"
    mkdir -p "$out/symbols/$module"
    cp "$graphs/$module.symbols.json" "$out/symbols/$module/"
    find "$graphs" -maxdepth 1 -name "$module@*.symbols.json" -exec cp {} "$out/symbols/$module/" \;
    if "$docc" convert "Sources/$module/$module.docc" \
        --additional-symbol-graph-dir "$out/symbols/$module" \
        --output-dir "$out/$module.doccarchive" \
        --warnings-as-errors; then
        echo "check-docs: $module: $out/$module.doccarchive"
    else
        echo "check-docs: $module: DocC reported the problems above" >&2
        failed=1
    fi
done
(( failed == 0 )) || exit 1
echo "check-docs: README.md is $readme_bytes bytes (limit $readme_limit); both catalogs build with no DocC warning"
