"""Verifying a notification: a tiny receiver checks a PayerMax notification
and answers what the gateway expects. The sandbox posts a signed one to it."""
import http.server
import json
import os
import threading

import cardtoken
from _config import options
from cardtoken import sandbox

client = cardtoken.PayerMax(**options("payermax"))


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        try:
            note = client.verify_notification(body=body, sign=self.headers.get("sign", ""))
            print(f"python  notify     payermax {note.get('notifyType')} notification verified")
            status, answer = 200, client.notification_ack().encode()
        except cardtoken.SignatureError:
            status, answer = 401, b"bad signature"
        self.send_response(status)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Receiver)
threading.Thread(target=server.handle_request, daemon=True).start()
with open(os.environ["CARDTOKEN_CONFIG"], encoding="utf-8") as f:
    cfg = json.load(f)  # the sandbox signs with the gateway keys it holds
sent = sandbox.send_notification("payermax", f"http://127.0.0.1:{server.server_port}/n", config=cfg)
print(f"python  notify     the gateway accepted our answer: {sent['ack_ok']}")
