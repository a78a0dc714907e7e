"""YabandPay 3DS low-value exemption (seed page 002, "3DS低价值豁免").

The client refuses an ineligible exemption before anything is sent (checked
with the sandbox's request counter), and the sandbox, with its own code,
declines one that a client sends anyway (requests built and signed here by
test_sandbox's independent helpers). Limits are restated here from the seed
page, not read from the code under test.
"""

from decimal import Decimal

import pytest

import cardtoken
from conftest import client_for, op_args
from sandbox_client import sb, yaband_call, yaband_request  # noqa: F401 - sb is a fixture

SEED_LIMITS = {"EUR": "30", "DKK": "225", "GBP": "27", "SEK": "310", "ISK": "5000",
               "NOK": "325", "CHF": "32", "PLN": "135", "USD": "36"}
WAYS = ({"sca_exemption": "LowValue"}, {"3ds_initiate": "02"})


def _above(limit):
    return str(Decimal(limit) + Decimal("0.01"))


# --- the sandbox answers as the gateway would ---


@pytest.mark.parametrize("currency", sorted(SEED_LIMITS))
@pytest.mark.parametrize("way", WAYS, ids=("sca", "3ds"))
def test_sandbox_low_value_limit_per_currency(sb, currency, way):  # noqa: F811
    limit = SEED_LIMITS[currency]
    ok = yaband_call(sb, yaband_request(sb, operation="11", amount=limit, currency=currency, **way)).json()
    assert ok["status"] is True, ok
    r = yaband_call(sb, yaband_request(sb, operation="11", amount=_above(limit), currency=currency, **way))
    got = r.json()
    assert r.status == 200 and got["status"] is False and got["code"] == "-4120", got
    assert currency in got["message"] and limit in got["message"]


@pytest.mark.parametrize("over", [
    dict(currency="XYZ", amount="0.01", sca_exemption="LowValue"),
    dict(currency="XYZ", amount="0.01", **{"3ds_initiate": "02"}),
    dict(amount="500.00", sca_exemption="LowValue"),
    dict(amount="30.001", sca_exemption="lowvalue"),
    dict(amount="500", **{"3ds_initiate": "02"}),
])
def test_sandbox_declines_an_ineligible_exemption(sb, over):  # noqa: F811
    got = yaband_call(sb, yaband_request(sb, operation="11", **over)).json()
    assert got["status"] is False and got["code"] == "-4120", got


def test_sandbox_three_ds_initiate_codes(sb):  # noqa: F811
    for code in ("07", "00", "03"):
        got = yaband_call(sb, yaband_request(sb, **{"3ds_initiate": code})).json()
        assert got["status"] is False and got["code"] == "-3001" and "3ds_initiate" in got["message"], code
    # the seed's own example: 3ds_initiate 01 with sca_exemption LowValue at 0.1 EUR
    got = yaband_call(sb, yaband_request(sb, operation="11", amount="0.1", sca_exemption="LowValue")).json()
    assert got["status"] is True, got
    # an exemption the page does not list passes through
    got = yaband_call(sb, yaband_request(sb, operation="11", amount="500.00", sca_exemption="TRA")).json()
    assert got["status"] is True, got


# --- the client refuses before sending ---


def _sale(**over):
    return dict(op_args("yabandpay", tag="LOWVALUE-1"), operation="11", **over)


@pytest.mark.parametrize("over, field", [
    (dict(amount="500.00", currency="EUR", sca_exemption="LowValue"), "sca_exemption"),
    (dict(amount="500.00", currency="XYZ", sca_exemption="LowValue"), "sca_exemption"),
    (dict(amount="500.00", currency="EUR", three_ds_initiate="02"), "three_ds_initiate"),
    (dict(amount="1.00", currency="EUR", three_ds_initiate="07"), "three_ds_initiate"),
])
def test_client_refuses_before_sending(sb, over, field):  # noqa: F811
    before = sb.stats()["requests"].get("/Payments", 0)
    with client_for(sb, "yabandpay") as c:
        with pytest.raises(cardtoken.ValidationError) as ei:
            c.create_card_token(**_sale(**over))
    assert ei.value.field == field
    if field == "sca_exemption" or over.get("three_ds_initiate") == "02":
        assert over["currency"] in str(ei.value)
        if over["currency"] == "EUR":
            assert "30 EUR" in str(ei.value)
    assert sb.stats()["requests"].get("/Payments", 0) == before


def test_client_sends_an_eligible_exemption(sb):  # noqa: F811
    with client_for(sb, "yabandpay") as c:
        res = c.create_card_token(**_sale(amount="30.00", currency="EUR", sca_exemption="LowValue"))
        assert res.amount == "30.00" and res.currency == "EUR"
        res = c.create_card_token(**_sale(amount="30.00", currency="EUR", three_ds_initiate="02"))
        assert res.state == "processing"
