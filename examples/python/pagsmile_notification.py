"""A Pagsmile payment-notification receiver: verify first, then check the
amount against the order, and only then answer "success" (anything else makes
Pagsmile retry). The sandbox posts a signed notification to it."""
import http.server
import json
import os
import threading
import urllib.parse

import cardtoken
from _config import options
from cardtoken import sandbox

client = cardtoken.Pagsmile(**options("pagsmile"))
ORDER_AMOUNTS = {}  # out_trade_no -> the amount the order was created with; unknown orders: any


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8")
        fields = dict(urllib.parse.parse_qsl(body, keep_blank_values=True))
        try:
            note = client.verify_notification(fields)  # every received field but sign is signed
            want = ORDER_AMOUNTS.get(note.get("out_trade_no"), note.get("total_amount"))
            if note.get("total_amount") != want:
                raise ValueError("amount differs from the order's")
            # here: lock the order, apply note["trade_status"] idempotently (duplicates happen)
            print(f"python  notify     pagsmile {note.get('trade_status')} {note.get('total_amount')} verified")
            status, answer = 200, client.notification_ack().encode()
        except (cardtoken.SignatureError, ValueError):
            status, answer = 400, b"rejected"
        self.send_response(status)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Receiver)
threading.Thread(target=server.handle_request, daemon=True).start()
with open(os.environ["CARDTOKEN_CONFIG"], encoding="utf-8") as f:
    cfg = json.load(f)
sent = sandbox.send_notification("pagsmile", f"http://127.0.0.1:{server.server_port}/n", config=cfg)
print(f"python  notify     pagsmile accepted our answer: {sent['ack_ok']}")
raise SystemExit(0 if sent["ack_ok"] else 1)
