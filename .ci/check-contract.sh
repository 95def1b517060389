#!/usr/bin/env bash
# Issue 7's proof: `authstub verify` passes against an AuthStub serving the same fixtures, and
# fails, naming each drift, against one whose fixtures changed (a status, a header, a body key).
# The JUnit XML it writes must parse as XML.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/serve-helpers.sh

serve
"$bin" verify --base-url "$url" --junit "$work/verify.xml"
python3 -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); s = d.documentElement; assert s.tagName == "testsuites" and s.getAttribute("failures") == "0", s.toxml()[:200]' "$work/verify.xml"
echo "contract: verify matches an AuthStub with the same fixtures; JUnit XML parses"

cp -R fixtures "$work/drifted"
sed -i 's/"status": 200/"status": 202/' "$work/drifted/usertoken/bump.json"
sed -i 's/"Vary": "Accept", //' "$work/drifted/usertoken/login.json"
sed -i 's/{ "success": true }/{ "succeeded": true }/' "$work/drifted/usertoken/logout.json"
serve --fixtures "$work/drifted/usertoken" --fixtures "$work/drifted/wice"
status=0
"$bin" verify --base-url "$url" --junit "$work/drifted.xml" > "$work/drifted.txt" || status=$?
cat "$work/drifted.txt"
[ "$status" = 1 ] || { echo "verify against drifted fixtures exited $status, not 1"; exit 1; }
for drift in 'status 202, expected 200' 'missing header Vary' 'body: missing key "success"' 'body: unexpected key "succeeded"'; do
    grep -qF "$drift" "$work/drifted.txt" || { echo "verify did not name the drift: $drift"; exit 1; }
done
python3 -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); assert len(d.getElementsByTagName("failure")) == 4' "$work/drifted.xml"
echo "contract: verify names each drift of a changed AuthStub and exits 1"
