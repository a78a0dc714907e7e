"""TLS hygiene that no vector can show: SSLKEYLOGFILE is not obeyed (the
session keys would decrypt card data from a capture), and card data never
crosses a proxy in clear."""
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

import cardtoken
from sandbox_util import running_sandbox

CALL = textwrap.dedent(
    """
    import json, sys, cardtoken
    cfg = json.load(open(sys.argv[1]))
    with cardtoken.Pagsmile(**cfg["pagsmile"]) as c:
        r = c.get_card_token(card_number="4111111111111111", security_code="123",
                             expiration_month="12", expiration_year="2030",
                             cardholder_name="APRO")
    print("ok", r.last_four_digits)
    """
)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    with running_sandbox() as cfg:
        path = tmp_path_factory.mktemp("tls") / "cfg.json"
        import json

        path.write_text(json.dumps(cfg))
        yield cfg, str(path)


def test_sslkeylogfile_is_ignored(sandbox, tmp_path):
    cfg, cfg_path = sandbox
    keylog = tmp_path / "keys.log"
    env = dict(os.environ, SSLKEYLOGFILE=str(keylog))
    out = subprocess.run([sys.executable, "-c", CALL, cfg_path], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok 1111")
    assert not keylog.exists() or keylog.stat().st_size == 0, "TLS secrets were logged"


@pytest.mark.skipif(shutil.which("curl") is None, reason="needs the curl command")
def test_sslkeylogfile_works_for_plain_libcurl(sandbox, tmp_path):
    """The control: the same variable makes plain libcurl log its secrets,
    so the test above can fail."""
    cfg, _ = sandbox
    keylog = tmp_path / "keys.log"
    env = dict(os.environ, SSLKEYLOGFILE=str(keylog))
    subprocess.run(["curl", "-s", "-o", "/dev/null", "--cacert", cfg["ca_file"], "-d", "{}",
                    cfg["base_url"] + "/api/getcardtoken"], env=env, timeout=60, check=True)
    assert keylog.exists() and keylog.stat().st_size > 0


def test_proxy_refused_with_plain_http_base_url():
    with pytest.raises(cardtoken.ConfigurationError) as ei:
        cardtoken.Pagsmile(merchant_no="1", app_id="2", app_key="k",
                           base_url="http://127.0.0.1:9", proxy="http://127.0.0.1:3128")
    assert ei.value.field == "proxy"
