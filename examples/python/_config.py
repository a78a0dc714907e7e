"""Where the examples get their client options: the JSON file the sandbox
writes (python -m cardtoken.sandbox --config-out FILE), named by
CARDTOKEN_CONFIG, or one JSON object per gateway in CARDTOKEN_<GATEWAY>."""
import json
import os


def options(gateway: str) -> dict:
    own = os.environ.get("CARDTOKEN_" + gateway.upper())
    if own:
        return json.loads(own)
    with open(os.environ["CARDTOKEN_CONFIG"], encoding="utf-8") as f:
        return json.load(f)[gateway]
