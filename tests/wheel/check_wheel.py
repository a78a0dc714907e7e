"""The installed wheel works on its own: run with the venv's Python that the
wheel was installed into (scripts/wheel-check.sh does), from outside the
source tree.

    check_wheel.py [--system-ca]

1. `cardtoken` is the installed copy (in this venv's site-packages, not the
   checkout) and its extension loads libcurl, OpenSSL and jansson from the
   wheel's own cardtoken.libs/, not from the system.
2. One call of every gateway, through the core's libcurl transport, against
   the sandbox of the installed package (in this process), trusting the
   sandbox's CA through the ca_file option.
3. With --system-ca (only in a throwaway root: it adds the sandbox's CA to the
   system's store with update-ca-certificates): the same calls without
   ca_file fail with CT_ERR_TLS while the CA is not in the system's store and
   nothing reaches the sandbox; once it is, they pass. That is the bundled
   libcurl verifying against this system's CA store
   (/etc/ssl/certs/ca-certificates.crt, the Debian path it was built with).
   Without that file (as on RHEL, Fedora, openSUSE) the calls fail with
   CT_ERR_TLS, and pass with ca_file.

Prints one line per check and "wheel-check: N passed, M failed".
"""
import os
import shutil
import subprocess
import sys

import cardtoken
from cardtoken.sandbox.server import Sandbox

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print("%s %s%s" % ("ok  " if ok else "FAIL", name, (": " + detail) if detail else ""))


def calls(cfg):
    """gateway -> a callable making one call (every one goes through libcurl)."""
    return {
        "pagsmile": lambda: cardtoken.Pagsmile(**cfg["pagsmile"]).get_card_token(
            card_number="4235647728025682", security_code="123", expiration_month="12",
            expiration_year="2030", cardholder_name="APRO").token != "",
        "payermax": lambda: isinstance(cardtoken.PayerMax(**cfg["payermax"]).inquire_payment_token(
            user_id="user-0001", token_scope="tokenAcq"), list),
        "yabandpay": lambda: cardtoken.YabandPay(**cfg["yabandpay"]).create_card_token(
            order_id="order-wheel-0001", card_number="5555555555554444", security_code="123",
            expiration_month="01", expiration_year="2031", cardholder_name="John Smith",
            email="john.smith@example.com", currency="EUR", description="save card",
            notify_url="https://merchant.example.com/notify/yabandpay",
            operation="10").order_id == "order-wheel-0001",
        "worldfirst": lambda: cardtoken.WorldFirst(**cfg["worldfirst"]).query_card_sensitive_info(
            asset_id="asset-0001").card_no is not None,
    }


def call_all(label, cfg, expect_tls_error=False):
    for gw, fn in calls(cfg).items():
        try:
            ok = fn()
            check("%s %s" % (label, gw), ok and not expect_tls_error,
                  "succeeded" if expect_tls_error else "")
        except cardtoken.Error as e:
            if expect_tls_error:
                check("%s %s" % (label, gw), e.name == "CT_ERR_TLS", e.name)
            else:
                check("%s %s" % (label, gw), False, "%s %s" % (e.name, e.message))


def bundled_libraries():
    """The shared objects this process mapped, by short name -> path."""
    maps = {}
    with open("/proc/self/maps", encoding="utf-8") as f:
        for line in f:
            path = line.split()[-1]
            base = os.path.basename(path)
            for lib in ("libcurl", "libssl", "libcrypto", "libjansson"):
                if base.startswith(lib + "-") or base.startswith(lib + "."):
                    maps.setdefault(lib, set()).add(path)
    return maps


def main(argv):
    system_ca = "--system-ca" in argv
    if system_ca and os.environ.get("CARDTOKEN_BARE_ROOT") != "1":
        print("check_wheel.py: --system-ca edits the system's CA store; it runs only inside"
              " make test-bare's throwaway root (CARDTOKEN_BARE_ROOT=1)")
        return 2
    pkg = os.path.dirname(os.path.abspath(cardtoken.__file__))
    print("cardtoken %s, libcurl %s, %s" % (cardtoken.__version__, cardtoken.CURL_VERSION,
                                             cardtoken.OPENSSL_VERSION))
    check("installed copy", pkg.startswith(os.path.realpath(sys.prefix)) or pkg.startswith(sys.prefix), pkg)

    sb = Sandbox()
    sb.start()
    try:
        cfg = sb.config()
        call_all("ca_file", cfg)
        libs = bundled_libraries()
        libdir = os.path.join(os.path.dirname(pkg), "cardtoken.libs")
        for lib in ("libcurl", "libssl", "libcrypto", "libjansson"):
            paths = sorted(libs.get(lib, ()))
            # libssl/libcrypto: Python's own _ssl may map the system's copy as
            # well; the wheel's copy must be there (it is what libcurl uses).
            ok = any(p.startswith(libdir + "/") for p in paths)
            if lib in ("libcurl", "libjansson"):
                ok = ok and all(p.startswith(libdir + "/") for p in paths)
            check("bundled " + lib, ok, ", ".join(paths) or "not mapped")
        if system_ca:
            anchor = "/usr/local/share/ca-certificates/cardtoken-wheel-check.crt"
            bundle = "/etc/ssl/certs/ca-certificates.crt"
            # Certificates are verified when a connection is opened: these
            # clients stay out of the process-wide connection cache (on by
            # default), or a connection verified by an earlier check would
            # be reused and the store's change not seen.
            no_ca = {gw: dict({k: v for k, v in o.items() if k != "ca_file"}, persistent=False)
                     if isinstance(o, dict) else o for gw, o in cfg.items()}
            with_ca = {gw: dict(o, persistent=False) if isinstance(o, dict) else o for gw, o in cfg.items()}
            before = sb.stats.requests_total
            call_all("system store without the CA", no_ca, expect_tls_error=True)
            check("nothing sent on a refused certificate", sb.stats.requests_total == before,
                  "%d requests" % (sb.stats.requests_total - before))
            shutil.copyfile(cfg["ca_file"], anchor)
            try:
                subprocess.run(["update-ca-certificates"], check=True, stdout=subprocess.DEVNULL)
                call_all("system store with the CA", no_ca)
                # A system without Debian's bundle path (RHEL, Fedora,
                # openSUSE): every call fails with CT_ERR_TLS; ca_file works.
                os.rename(bundle, bundle + ".away")
                try:
                    call_all("no %s" % bundle, no_ca, expect_tls_error=True)
                    call_all("no %s, ca_file" % bundle, with_ca)
                finally:
                    os.rename(bundle + ".away", bundle)
            finally:
                os.unlink(anchor)
                subprocess.run(["update-ca-certificates", "--fresh"], check=False,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        sb.close()
    passed = sum(results)
    print("wheel-check: %d passed, %d failed" % (passed, len(results) - passed))
    return 0 if passed == len(results) and results else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
