#!/usr/bin/env bash
# Issue 19's HTTPS recipe, as the article ServingOverHTTPS.md gives it: a self-signed certificate
# made by openssl, nginx (Debian's package, installed when missing) running the article's
# nginx.conf as `nobody`, in front of `authstub serve --issuer https://localhost:PORT`. Through
# TLS, with `curl --cacert`: a login and a call with its token, a control call, the issuer in the
# OpenID Connect metadata, and an upstream's redirect under --proxy-unmatched coming back as an
# https URL; without --cacert, curl refuses the certificate. Takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
article=Sources/AuthStub/AuthStub.docc/ServingOverHTTPS.md
source .ci/serve-helpers.sh

say() { echo "check-tls-terminator: $*"; }
fail() {
    echo "check-tls-terminator: $*" >&2
    exit 1
}

source .ci/debian-packages.sh
install_packages nginx openssl curl

# The certificate, as the article makes it.
tls="$work/tls"
mkdir -p "$tls/tmp"
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$tls/key.pem" -out "$tls/cert.pem" 2> "$work/openssl.log" \
    || { cat "$work/openssl.log" >&2; fail "openssl could not make the certificate"; }

# An upstream for --proxy-unmatched that redirects to itself, as real servers do.
python3 -u -c '
import http.server
class Redirect(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(302)
        self.send_header("Location", "http://127.0.0.1:%d/landing" % self.server.server_port)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args): pass
server = http.server.HTTPServer(("127.0.0.1", 0), Redirect)
print(server.server_port)
server.serve_forever()' > "$work/upstream.port" &
pids+=("$!")
for _ in $(seq 1 50); do [[ -s "$work/upstream.port" ]] && break || sleep 0.1; done
upstream_port="$(head -n 1 "$work/upstream.port")"
[[ -n "$upstream_port" ]] || fail "the upstream did not start"

# nginx takes a port it is given: take a free one from the kernel (it may be taken again before
# nginx binds it; nginx then says so and this check fails with its message).
tls_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
serve --issuer "https://localhost:$tls_port" --proxy-unmatched "http://127.0.0.1:$upstream_port"
authstub_port="${url##*:}"

# The article's nginx.conf (its one ```nginx block), on this run's ports.
config="$(awk '/^```nginx$/ { inside = 1; next } /^```$/ { inside = 0 } inside' "$article")"
[[ "$config" == *"127.0.0.1:8443"* && "$config" == *"127.0.0.1:8080"* ]] || fail "$article has no nginx block for 8443 → 8080"
config="${config//127.0.0.1:8443/127.0.0.1:$tls_port}"
echo "${config//127.0.0.1:8080/127.0.0.1:$authstub_port}" > "$tls/nginx.conf"
chmod 755 "$work"
chown -R nobody:nogroup "$tls"
setpriv --reuid=nobody --regid=nogroup --clear-groups nginx -p "$tls" -c nginx.conf > "$work/nginx.log" 2>&1 &
pids+=("$!")
base="https://localhost:$tls_port"
for _ in $(seq 1 50); do curl -s -o /dev/null --cacert "$tls/cert.pem" "$base/__control/status" && break || sleep 0.1; done
kill -0 "${pids[-1]}" 2> /dev/null || { cat "$work/nginx.log" >&2; fail "nginx did not start"; }
say "nginx $(nginx -v 2>&1 | sed 's|.*/||') as nobody: $base → $url"

tls_curl() { curl -sS --cacert "$tls/cert.pem" "$@"; }

login="$(tls_curl -u user:secret -X POST "$base/auth/login")"
token="$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["token"])' "$login")" || fail "the login through TLS answered $login"
status="$(tls_curl -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $token" "$base/auth/bump")"
[[ "$status" == 200 ]] || fail "POST /auth/bump through TLS with the token got $status, not 200"
say "POST /auth/login through TLS: token ${token:0:4}…; POST /auth/bump with it: 200"

status="$(tls_curl -o /dev/null -w '%{http_code}' "$base/__control/status")"
[[ "$status" == 200 ]] || fail "GET /__control/status through TLS got $status, not 200 (nginx's Host must name loopback)"
say "GET /__control/status through TLS: 200"

issuer="$(tls_curl "$base/.well-known/openid-configuration" | python3 -c 'import json, sys; print(json.load(sys.stdin)["issuer"])')"
[[ "$issuer" == "$base" ]] || fail "the OpenID Connect metadata names issuer $issuer, not $base"
say "issuer in /.well-known/openid-configuration: $issuer"

location="$(tls_curl -o /dev/null -w '%{redirect_url}' "$base/orders/7")"
[[ "$location" == "$base/landing" ]] || fail "the upstream's redirect came back as $location, not $base/landing"
say "an upstream's redirect under --proxy-unmatched: Location $location"

code=0
curl -sS -o /dev/null "$base/__control/status" 2> "$work/untrusted.log" || code=$?
[[ "$code" == 60 ]] || fail "curl without --cacert ended with $code, not 60 (certificate refused): $(cat "$work/untrusted.log")"
say "without --cacert: curl refuses the self-signed certificate (exit 60)"
say "passed"
