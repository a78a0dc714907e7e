"""WorldFirst: read back a World Card's number and CVV. The result masks them
whenever it is printed; read info.card_no / info.cvv only to hand them on."""
import cardtoken
from _config import options

with cardtoken.WorldFirst(**options("worldfirst")) as client:
    try:
        info = client.query_card_sensitive_info(asset_id="asset-0001")
    except cardtoken.ResultUnknownError as e:
        # Outcome unknown: schedule the same query e.retry_after seconds from
        # now, passing retry_attempt=n for the n-th retry. Never sleep here.
        raise SystemExit(f"result unknown; query again in {e.retry_after:.0f} s")

print(f"python  worldfirst {info!r}")
