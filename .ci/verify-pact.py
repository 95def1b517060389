"""Verifies a Pact file against a running AuthStub with pact-python's verifier, driving
AuthStub's provider states through POST /__control/provider-states.

usage: verify-pact.py PACT_FILE BASE_URL
"""
import sys
from urllib.parse import urlsplit

from pact import Verifier


def main() -> int:
    pact_file, base_url = sys.argv[1], sys.argv[2].rstrip("/")
    verifier = (
        Verifier("authstub", host=urlsplit(base_url).hostname)
        .add_transport(url=base_url)
        .add_source(pact_file)
        .state_handler(base_url + "/__control/provider-states", teardown=True, body=True)
        .set_coloured_output(enabled=False)
    )
    verifier.verify()
    print(f"pact: verified {pact_file} against {base_url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
