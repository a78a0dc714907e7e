"""WorldFirst, the World Card lifecycle: issue a card (apply_card), check it is
ACTIVE (query_card_detail), read its number and CVV (only while ACTIVE), freeze
it (update_card_status) and look again; then receive a card status
notification (verify_notification) and answer it with the signed
notification_ack. request_id is the idempotency key: after an unknown outcome
resend with the SAME request_id (after retry_after) or query_card_detail,
never with a new one. Nothing here prints a full card number, CVV or token."""
import http.server
import json
import os
import threading

import cardtoken
from _config import options
from cardtoken import sandbox

ENV = {"terminalType": "WEB", "clientIp": "203.0.113.7"}
client = cardtoken.WorldFirst(**options("worldfirst"))

try:
    card = client.apply_card(request_id="wc-20261201-0001", card_holder_id="CH-0001", card_nick_name="ads",
                             email="ops@example.com", mobile_number="+6512345678",
                             bill_address={"country": "SG", "city": "Singapore"})
except cardtoken.ResultUnknownError as e:
    raise SystemExit(f"outcome unknown: resend with the same request_id in {e.retry_after:.0f} s")
print(f"python  worldfirst lifecycle: applied {card.request_id} -> {card.status}, asset {card.asset_id}")
detail = client.query_card_detail(asset_id=card.asset_id)
print(f"python  worldfirst lifecycle: {detail.card_brand} {detail.masked_card_no} is {detail.card_status}")
info = client.query_card_sensitive_info(asset_id=card.asset_id)
print(f"python  worldfirst lifecycle: sensitive info read: {info!r}")  # masked when printed
frozen = client.update_card_status(request_id="wc-20261201-0002", asset_id=card.asset_id, operate_type="FREEZE",
                                   env=ENV)
print(f"python  worldfirst lifecycle: FREEZE -> {frozen.status}; "
      f"now {client.query_card_detail(asset_id=card.asset_id).card_status}")


class Receiver(http.server.BaseHTTPRequestHandler):
    """The notify URL: verify the card status notification, answer signed."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        try:
            note = client.verify_notification(self.path, list(self.headers.items()), body)
            print(f"python  worldfirst lifecycle: notification verified: {note['assetId']} is "
                  f"{'CANCEL' if note['cardStatus'] == 'CALCEL' else note['cardStatus']}")
            headers, answer = client.notification_ack(self.path)
            status, answer = 200, answer.encode()
        except cardtoken.SignatureError:
            status, headers, answer = 401, [], b"bad signature"
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Receiver)
threading.Thread(target=server.handle_request, daemon=True).start()
with open(os.environ["CARDTOKEN_CONFIG"], encoding="utf-8") as f:
    cfg = json.load(f)  # the sandbox signs with the gateway keys it holds
sent = sandbox.send_notification("worldfirst", f"http://127.0.0.1:{server.server_port}/worldfirst/notify",
                                 config=cfg)
print(f"python  worldfirst lifecycle: WorldFirst accepted our signed answer: {sent['ack_ok']}")
client.close()
if not sent["ack_ok"]:
    raise SystemExit(sent["reason"])
