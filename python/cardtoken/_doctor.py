"""The signature doctor (README "Signature doctor").

doctor(gateway, config) checks a client configuration offline in the C core
(ct_doctor_check): required options, every option as the client checks it,
RSA keys (readable, RSA, 2048 to 8192 bits, private_key and the doctor-only
merchant_public_key a pair, gateway_public_key not the merchant's own),
key_version, a plain-http endpoint; with online=True also the clock against
the endpoint's Date header (one HEAD request, TLS verified, no redirect).
explain_signature(gateway, config,
operation, arguments) builds the operation with build_<operation>() and
returns what the core signed (ct_request_explain): the signed string with a
secret in it shown as <app_key>, card numbers as first six and last four, CVVs
and tokens as ***; verbatim when it holds none of them. Nothing returned holds
key material or a secret.

config: a mapping of the client's options (the constructor's names) plus
merchant_public_key; a str value "@PATH" is read from the file PATH (relative
to base_dir, when given). Booleans, numbers and str are accepted; None is
left out.
"""

from __future__ import annotations

import json
import os
from typing import Any, Mapping

from . import _cardtoken  # type: ignore[attr-defined]  # (the extension; no stub of its own)

MERCHANT_PUBLIC_KEY = "merchant_public_key"


def _read_value(name: str, value: Any, base_dir: str | None) -> Any:
    if isinstance(value, str) and value.startswith("@"):
        path = value[1:]
        if base_dir is not None and not os.path.isabs(path):
            path = os.path.join(base_dir, path)
        try:
            with open(path, encoding="utf-8") as f:
                return f.read()
        except OSError as exc:
            raise ValueError("option %s: cannot read %s (%s)" % (name, value[1:], exc.strerror)) from None
    return value


def resolve_config(config: Mapping[str, Any], base_dir: str | None = None) -> dict[str, Any]:
    """The configuration with every "@PATH" value read from its file."""
    if not isinstance(config, Mapping):
        raise TypeError("config must be a mapping of option names to values")
    return {str(k): _read_value(str(k), v, base_dir) for k, v in config.items() if v is not None}


def _text(name: str, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    raise TypeError("option %s must be a str, a number or a bool, not %s" % (name, type(value).__name__))


def doctor(
    gateway: str, config: Mapping[str, Any], *, online: bool = False, base_dir: str | None = None
) -> dict[str, Any]:
    """The findings of a check of config for gateway (see module doc); online:
    also one HEAD request to the endpoint, its Date header against this clock."""
    cfg = resolve_config(config, base_dir)
    options = [(k, _text(k, v)) for k, v in cfg.items()]
    return json.loads(_cardtoken._doctor_check(gateway, options, bool(online)))


def _client_class(gateway: str) -> type:
    for name in dir(_cardtoken):
        cls = getattr(_cardtoken, name)
        if isinstance(cls, type) and not name.startswith("_"):
            try:
                _cardtoken._operations(cls)
            except TypeError:
                continue
            if name.lower() == gateway:
                return cls
    raise ValueError("unknown gateway (one of pagsmile, payermax, yabandpay, worldfirst)")


def explain_signature(
    gateway: str,
    config: Mapping[str, Any],
    operation: str,
    arguments: Mapping[str, Any],
    *,
    base_dir: str | None = None,
) -> dict[str, Any]:
    """What build_<operation>(**arguments) signs (see module doc)."""
    cfg = resolve_config(config, base_dir)
    cfg.pop(MERCHANT_PUBLIC_KEY, None)
    cls = _client_class(gateway)
    if operation not in [name for name, _ in _cardtoken._operations(cls)]:
        raise ValueError("unknown operation %r of %s" % (operation[:64], cls.__name__))
    client = cls(**cfg)
    try:
        _cardtoken._keep_signed(client)
        request = getattr(client, "build_" + operation)(**dict(arguments))
        out = json.loads(_cardtoken._explain(request))
        out["method"] = request.method
        out["url"] = request.url
        return out
    finally:
        client.close()
