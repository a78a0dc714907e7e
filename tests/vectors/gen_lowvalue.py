"""YabandPay 3DS low-value exemption cases for gen.py (an independent rule:
Python's decimal module, never the code under test).

The seed page 002 ("3DS低价值豁免") lists, per currency, the highest order
amount that may use transaction code 02 (low-value exemption). The exemption
is asked for by 3ds_initiate "02" or sca_exemption "LowValue"; a currency
outside the table is not eligible.
"""

from decimal import Decimal

LIMITS = {"EUR": "30", "DKK": "225", "GBP": "27", "SEK": "310", "ISK": "5000",
          "NOK": "325", "CHF": "32", "PLN": "135", "USD": "36"}
CENT = Decimal("0.01")


def asks_exemption(args):
    return args.get("three_ds_initiate") == "02" or args.get("sca_exemption", "").lower() == "lowvalue"


def eligible(args):
    limit = LIMITS.get(args["currency"])
    return limit is not None and Decimal(args.get("amount", "0")) <= Decimal(limit)


def refused_field(args):
    """The argument a refusal names, or None when the call is accepted."""
    if not asks_exemption(args) or eligible(args):
        return None
    return "sca_exemption" if args.get("sca_exemption", "").lower() == "lowvalue" else "three_ds_initiate"


def gen_low_value(gw, cfg, args, add, yp_build, verr):
    sale = dict(args, operation="11")
    ways = (("sca", {"sca_exemption": "LowValue"}), ("3ds", {"three_ds_initiate": "02"}))
    cases = []
    for cur, limit in LIMITS.items():
        above = str(Decimal(limit) + CENT)
        for way, over in ways:
            cases.append(("lowvalue_%s_at_limit_%s" % (cur.lower(), way), "%s %s: at the limit" % (cur, limit),
                          dict(sale, currency=cur, amount=limit + ".00", **over), True))
            cases.append(("lowvalue_%s_cent_above_%s" % (cur.lower(), way), "%s %s: one cent above" % (cur, above),
                          dict(sale, currency=cur, amount=above, **over), False))
    cases += [
        ("lowvalue_eur_500_sca", "the issue's 500.00 EUR with sca_exemption LowValue",
         dict(sale, amount="500.00", sca_exemption="LowValue"), False),
        ("lowvalue_xyz_sca", "currency XYZ (outside the table) is not eligible, however small",
         dict(sale, currency="XYZ", amount="0.01", sca_exemption="LowValue"), False),
        ("lowvalue_xyz_3ds", "currency XYZ (outside the table) with 3ds_initiate 02",
         dict(sale, currency="XYZ", amount="0.01", three_ds_initiate="02"), False),
        ("lowvalue_eur_500_3ds", "the issue's three_ds_initiate 02 with 500 EUR",
         dict(sale, amount="500", three_ds_initiate="02"), False),
        ("lowvalue_both_ways_sca_named", "both ways of asking, above the limit: sca_exemption is named",
         dict(sale, amount="30.01", three_ds_initiate="02", sca_exemption="LowValue"), False),
        ("lowvalue_eur_30_000", "30.000 EUR equals the limit exactly (three decimals)",
         dict(sale, amount="30.000", sca_exemption="LowValue"), True),
        ("lowvalue_eur_30_001", "30.001 EUR is above the limit: exact decimals, no rounding",
         dict(sale, amount="30.001", sca_exemption="LowValue"), False),
        ("lowvalue_leading_zeros", "0030.00 EUR is 30: compared by value",
         dict(sale, amount="0030.00", three_ds_initiate="02"), True),
        ("lowvalue_case_insensitive", "sca_exemption lowvalue asks for the same exemption",
         dict(sale, amount="30.01", sca_exemption="lowvalue"), False),
        ("lowvalue_token_only_xyz", "operation 10 (amount 0) with 3ds_initiate 02 in XYZ: not eligible",
         dict(args, currency="XYZ", three_ds_initiate="02"), False),
        ("lowvalue_token_only_eur", "operation 10 (amount 0) with 3ds_initiate 02 in EUR",
         dict(args, three_ds_initiate="02"), True),
        ("sca_exemption_other_passes", "an sca_exemption the page does not list is sent unchanged at 500 EUR",
         dict(sale, amount="500.00", sca_exemption="TRA"), True),
    ]
    for name, desc, a, ok in cases:
        field = refused_field(a)
        assert (field is None) == ok, name
        if ok:
            add(gw, name, "3DS low-value exemption: " + desc, "call", cfg, args=a, build=yp_build(cfg, a))
        else:
            add(gw, name, "3DS low-value exemption: " + desc, "call", cfg, args=a, build_error=verr(field))
    a = dict(args, three_ds_initiate="07")
    add(gw, "invalid_three_ds_initiate_07", "validation: three_ds_initiate only 01 or 02", "call", cfg, args=a,
        build_error=verr("three_ds_initiate"))
