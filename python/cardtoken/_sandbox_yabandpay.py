"""YabandPay rules of the sandbox (cardtoken.sandbox), written independently of
the core: plain Python with the decimal module, stdlib only."""

from decimal import Decimal, InvalidOperation

# The seed page "Get Token (card Direct method)", section 3DS低价值豁免: the
# highest order amount, per currency, that may use transaction code 02 (the
# 3DS low-value exemption). A currency not listed is not eligible.
LOW_VALUE_LIMITS = {
    "EUR": Decimal("30"), "DKK": Decimal("225"), "GBP": Decimal("27"),
    "SEK": Decimal("310"), "ISK": Decimal("5000"), "NOK": Decimal("325"),
    "CHF": Decimal("32"), "PLN": Decimal("135"), "USD": Decimal("36"),
}
# 3ds_initiate: 01 = 3DS required, 02 = low-value exemption.
THREE_DS_CODES = ("01", "02")


def low_value_refusal(data):
    """Why the request's low-value exemption (3ds_initiate "02" or
    sca_exemption "LowValue", any case) is not allowed, or None when it asks
    for none or is eligible. `data` is the request's data object; amount and
    currency have been checked already."""
    sca = data.get("sca_exemption")
    by_sca = isinstance(sca, str) and sca.lower() == "lowvalue"
    if not by_sca and data.get("3ds_initiate") != "02":
        return None
    how = "sca_exemption LowValue" if by_sca else "3ds_initiate 02"
    currency = data.get("currency")
    limit = LOW_VALUE_LIMITS.get(currency)
    if limit is None:
        return "%s: no low-value exemption for currency %s" % (how, currency)
    try:
        amount = Decimal(str(data.get("amount")))
    except InvalidOperation:
        return "%s: amount" % how
    if amount > limit:
        return "%s: amount above the low-value limit of %s %s" % (how, limit, currency)
    return None
