"""The emulated gateways, one module each (pagsmile, payermax, yabandpay,
worldfirst), and their registry. A gateway module defines NAME, PATH,
CREDENTIALS, RSA_KEYS (whether it has a merchant and a gateway RSA key pair),
magic_value(obj), handle(gws, headers, body, path, fault),
notification(cfg, path, now, serial, form, token_object) and
check_ack(config, path, headers, body)."""

from . import pagsmile, payermax, worldfirst, yabandpay

GATEWAYS = {m.NAME: m for m in (pagsmile, payermax, yabandpay, worldfirst)}
PATHS = {name: m.PATH for name, m in GATEWAYS.items()}
ROUTES = {v: k for k, v in PATHS.items()}
# further endpoints of a gateway (Pagsmile's token lifecycle)
ROUTES.update({p: m.NAME for m in GATEWAYS.values() for p in getattr(m, "LIFECYCLE_PATHS", ())})
CREDENTIALS = {name: m.CREDENTIALS for name, m in GATEWAYS.items()}
RSA_GATEWAYS = tuple(name for name, m in GATEWAYS.items() if m.RSA_KEYS)


class Gateways:
    """Verification and answers of the gateways. No I/O here."""

    def __init__(self, keys, world_card, base_url, stats):
        self.keys = keys
        self.world_card = world_card
        self.base_url = base_url
        self.stats = stats
        self.notify_ca_file = None  # trusted when the sandbox posts by itself

    @staticmethod
    def magic_value(gateway, obj):
        """The request's FAULT-/DECLINE- argument value, or None."""
        try:
            v = GATEWAYS[gateway].magic_value(obj)
        except AttributeError:
            return None
        return v if isinstance(v, str) else None

    def handle(self, gateway, headers, body, path, fault):
        """The Reply of `gateway` to one request."""
        return GATEWAYS[gateway].handle(self, headers, body, path, fault)
