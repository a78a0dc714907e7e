/* mask.c - the one rule that keeps card data out of text the library
 * prints: gateway codes and messages in errors, names echoed in errors, and
 * the printed form of result fields.
 *
 * The text is read as UTF-8 code points ("units"). Digits are every
 * Unicode decimal digit (ASCII, full-width, Arabic-Indic, ...), separators
 * every unit that is neither a letter nor a digit.
 *  - Generic rule: digit groups joined by short runs (at most
 *    CT_MASK_MAX_SEP units) of separators form one number; a number of 12 or
 *    more digits keeps its first six and last four digits, the others become
 *    '*'. So "4000/2718/2818/2849", "4000 - 2718 - ...", "4000_2718..." and
 *    full-width digits are all masked.
 *  - When the request is known: every occurrence of its card number in the
 *    digits-only projection of the text (whatever lies between the digits,
 *    markup included) keeps only its first six and last four digits, and
 *    every digit run equal to its CVV is masked whole.
 * Control characters and bytes that are not UTF-8 become '?'. The rule runs
 * over the whole source before the copy is cut to size, so truncation never
 * uncovers a card number. */
#include "check.h"
#include "mask.h"
#include "mem.h"

#include <string.h>

/* Separator tokens that may join two digit groups; a run of white space
 * is one token ("4000    2718", "4000 -- 2718"). */
#define CT_MASK_MAX_SEP 4
/* A piece of the request's card number this long is masked. */
#define CT_MASK_PAN_PART 7

typedef struct ct_unit {
    size_t off;
    unsigned char len;
    signed char digit;   /* 0..9, or -1 */
    unsigned char sep;   /* neither letter nor digit */
    unsigned char space; /* white space (a run of it is one separator) */
    unsigned char bad;   /* control character or not UTF-8: printed as '?' */
    unsigned char mask;
} ct_unit;

/* The code points of the digit zero of Unicode's decimal digit ranges
 * (general category Nd); each range holds ten digits. */
static const uint32_t ct_zeros[] = {
    0x0030,  0x0660,  0x06F0,  0x07C0,  0x0966,  0x09E6,  0x0A66,  0x0AE6,
    0x0B66,  0x0BE6,  0x0C66,  0x0CE6,  0x0D66,  0x0DE6,  0x0E50,  0x0ED0,
    0x0F20,  0x1040,  0x1090,  0x17E0,  0x1810,  0x1946,  0x19D0,  0x1A80,
    0x1A90,  0x1B50,  0x1BB0,  0x1C40,  0x1C50,  0xA620,  0xA8D0,  0xA900,
    0xA9D0,  0xA9F0,  0xAA50,  0xABF0,  0xFF10,  0x104A0, 0x10D30, 0x11066,
    0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0,
    0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x11F50, 0x16A60,
    0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140,
    0x1E2F0, 0x1E4F0, 0x1E950, 0x1FBF0};

static int ct_digit_value(uint32_t cp)
{
    size_t i;
    for (i = 0; i < CT_ARRAY_LEN(ct_zeros); i++)
        if (cp >= ct_zeros[i] && cp < ct_zeros[i] + 10)
            return (int)(cp - ct_zeros[i]);
    return -1;
}

/* Punctuation, symbols, spaces, combining marks, variation selectors and
 * format characters outside ASCII (a coarse table): anything that can sit
 * between two digits without being a letter. */
static int ct_is_symbol(uint32_t cp)
{
    return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
           (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0483 && cp <= 0x0489) ||
           cp == 0x061C || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x180B && cp <= 0x180F) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F) ||
           cp == 0x30FB || cp == 0x30FC || cp == 0xFF70 ||
           (cp >= 0xE0000 && cp <= 0xE01EF) || (cp >= 0x2000 && cp <= 0x2BFF) ||
           (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE10 && cp <= 0xFE1F) ||
           (cp >= 0xFE30 && cp <= 0xFE6F) || cp == 0xFEFF ||
           (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
           (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65);
}

/* Decodes one unit at s[i..n). */
static void ct_unit_at(const unsigned char *s, size_t n, size_t i, ct_unit *u)
{
    unsigned char c = s[i];
    size_t len;
    uint32_t cp;

    memset(u, 0, sizeof(*u));
    u->off = i;
    u->len = 1;
    u->digit = -1;
    if (c < 0x80) {
        u->bad = c < 0x20 || c == 0x7f;
        if (c >= '0' && c <= '9')
            u->digit = (signed char)(c - '0');
        else
            u->sep = !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
        u->space = c == ' ' || (c >= '\t' && c <= '\r');
        return;
    }
    if ((len = ct_utf8_decode((const char *)s, n, i, &cp)) == 0) {
        u->bad = u->sep = 1;
        return;
    }
    u->len = (unsigned char)len;
    u->bad = cp < 0xa0; /* C1 controls */
    u->digit = (signed char)ct_digit_value(cp);
    u->sep = u->digit < 0 && ct_is_symbol(cp);
    u->space = cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
               cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
               cp == 0x3000;
}

/* The end of the number that starts at digit unit u[i]: its digit groups
 * joined by short runs of separators (at most CT_MASK_MAX_SEP tokens, a
 * run of white space being one). Returns the index of its last digit and
 * counts its digits into *digits. */
static size_t ct_number_end(const ct_unit *u, size_t n, size_t i,
                            size_t *digits)
{
    size_t j = i, last = i, k, tokens;
    *digits = 0;
    while (j < n) {
        if (u[j].digit >= 0) {
            (*digits)++;
            last = j++;
            continue;
        }
        k = j;
        for (tokens = 0; k < n && u[k].sep && u[k].digit < 0;) {
            int ws = u[k].space;
            if (++tokens > CT_MASK_MAX_SEP)
                break;
            k++;
            while (ws && k < n && u[k].space)
                k++;
        }
        if (tokens > CT_MASK_MAX_SEP)
            break;
        if (k < n && k > j && u[k].digit >= 0) {
            j = k;
            continue;
        }
        break;
    }
    return last;
}

/* Marks the digits of u[a..e] but the first six and the last four. */
static void ct_mask_middle(ct_unit *u, size_t a, size_t e, size_t digits)
{
    size_t k, seen = 0;
    for (k = a; k <= e; k++)
        if (u[k].digit >= 0) {
            seen++;
            if (seen > 6 && seen + 4 <= digits)
                u[k].mask = 1;
        }
}

/* The generic rule over units u[0..n). */
static void ct_mask_numbers(ct_unit *u, size_t n)
{
    size_t i = 0, last, digits;
    while (i < n) {
        if (u[i].digit < 0) {
            i++;
            continue;
        }
        last = ct_number_end(u, n, i, &digits);
        if (digits >= 12)
            ct_mask_middle(u, i, last, digits);
        i = last + 1;
    }
}

/* 1 when the digits of u[a..e] (count `digits`) pass the Luhn check. */
static int ct_units_luhn(const ct_unit *u, size_t a, size_t e)
{
    unsigned sum = 0;
    int dbl = 0;
    size_t k;
    for (k = e + 1; k-- > a;) {
        unsigned d;
        if (u[k].digit < 0)
            continue;
        d = (unsigned)u[k].digit;
        if (dbl && (d *= 2) > 9)
            d -= 9;
        sum += d;
        dbl = !dbl;
    }
    return sum % 10 == 0;
}

/* The card rule over units u[0..n): within every number (as above), each
 * run of whole digit groups that holds 13 to 19 digits passing the Luhn
 * check keeps its first six and last four digits. */
static void ct_mask_cards(ct_unit *u, size_t n)
{
    size_t i = 0, last, digits;
    while (i < n) {
        size_t a;
        if (u[i].digit < 0) {
            i++;
            continue;
        }
        last = ct_number_end(u, n, i, &digits);
        /* a number run into letters is part of an id (WCASSET0123...),
         * not a card number */
        if ((i > 0 && u[i - 1].digit < 0 && !u[i - 1].sep) ||
            (last + 1 < n && u[last + 1].digit < 0 && !u[last + 1].sep)) {
            i = last + 1;
            continue;
        }
        /* a: the first unit of a group; extend to each later group end */
        for (a = i; a <= last; a++) {
            size_t e, count = 0;
            if (u[a].digit < 0 || (a > i && u[a - 1].digit >= 0))
                continue;
            for (e = a; e <= last && count <= 19; e++) {
                if (u[e].digit < 0)
                    continue;
                count++;
                if ((e == last || u[e + 1].digit < 0) && count >= 13 &&
                    count <= 19 && ct_units_luhn(u, a, e))
                    ct_mask_middle(u, a, e, count);
            }
        }
        i = last + 1;
    }
}

/* The request's card number on the digits-only projection. */
static void ct_mask_pan(ct_unit *u, size_t n, const char *pan)
{
    size_t plen = pan ? strlen(pan) : 0, nd = 0, i, k, *idx;
    if (plen < 12 || !ct_all_digits(pan, plen))
        return;
    for (i = 0; i < n; i++)
        nd += u[i].digit >= 0;
    if (nd < CT_MASK_PAN_PART)
        return;
    idx = ct_calloc(nd, sizeof(*idx));
    if (idx == NULL) { /* no memory: mask every digit rather than risk one */
        for (i = 0; i < n; i++)
            u[i].mask |= u[i].digit >= 0;
        return;
    }
    for (i = 0, k = 0; i < n; i++)
        if (u[i].digit >= 0)
            idx[k++] = i;
    /* Any run of CT_MASK_PAN_PART or more digits that is a piece of the
     * card number (its start, its middle, all of it): each digit shows only
     * when it is one of the card's first six or last four. */
    for (i = 0; i < nd; i++) {
        size_t o, best = 0, best_o = 0;
        for (o = 0; o < plen; o++) {
            size_t len = 0;
            while (i + len < nd && o + len < plen &&
                   u[idx[i + len]].digit == pan[o + len] - '0')
                len++;
            if (len > best) {
                best = len;
                best_o = o;
            }
        }
        if (best >= CT_MASK_PAN_PART)
            for (k = 0; k < best; k++)
                if (best_o + k >= 6 && best_o + k + 4 < plen)
                    u[idx[i + k]].mask = 1;
    }
    ct_free_secret(idx, nd * sizeof(*idx));
}

/* Every digit run equal to the request's CVV. */
static void ct_mask_cvv(ct_unit *u, size_t n, const char *cvv)
{
    size_t clen = cvv ? strlen(cvv) : 0, i = 0, j, k;
    if (clen == 0 || !ct_all_digits(cvv, clen))
        return;
    while (i < n) {
        if (u[i].digit < 0) {
            i++;
            continue;
        }
        for (j = i; j < n && u[j].digit >= 0; j++)
            ;
        if (j - i == clen) {
            for (k = 0; k < clen && u[i + k].digit == cvv[k] - '0'; k++)
                ;
            if (k == clen)
                for (k = i; k < j; k++)
                    u[k].mask = 1;
        }
        i = j;
    }
}

/* cards: only card numbers (ct_mask_cards), every other byte as it was;
 * else the generic rule, the request's card data and '?' for bad units. */
static size_t ct_mask_run(char *dst, size_t cap, const char *src, size_t n,
                          const char *pan, const char *cvv, int cards)
{
    const unsigned char *s = (const unsigned char *)src;
    ct_unit *u, one;
    size_t nu = 0, i, o = 0;

    if (cap == 0)
        return 0;
    if (src == NULL)
        n = 0;
    u = n ? ct_calloc(n, sizeof(*u)) : NULL;
    if (n && u == NULL) {
        /* no memory: every digit and every non-ASCII byte hidden */
        for (i = 0; i < n && o + 1 < cap; i++) {
            ct_unit_at(s, n, i, &one);
            dst[o++] = s[i] >= 0x80 || one.bad ? '?'
                       : one.digit >= 0        ? '*'
                                               : (char)s[i];
        }
        dst[o] = '\0';
        return o;
    }
    for (i = 0; i < n; i += u[nu++].len)
        ct_unit_at(s, n, i, &u[nu]);
    if (cards) {
        ct_mask_cards(u, nu);
        for (i = 0; i < nu; i++)
            u[i].bad = 0;
    } else {
        ct_mask_numbers(u, nu);
        ct_mask_pan(u, nu, pan);
        ct_mask_cvv(u, nu, cvv);
    }
    for (i = 0; i < nu; i++) {
        if (u[i].mask || u[i].bad) {
            if (o + 1 >= cap)
                break;
            dst[o++] = u[i].mask ? '*' : '?';
        } else {
            if (o + u[i].len >= cap)
                break;
            memcpy(dst + o, src + u[i].off, u[i].len);
            o += u[i].len;
        }
    }
    dst[o] = '\0';
    ct_free_secret(u, n * sizeof(*u));
    return o;
}

size_t ct_mask_copy(char *dst, size_t cap, const char *src, size_t n,
                    const char *pan, const char *cvv)
{
    return ct_mask_run(dst, cap, src, n, pan, cvv, 0);
}

size_t ct_mask_cards_copy(char *dst, size_t cap, const char *src, size_t n)
{
    return ct_mask_run(dst, cap, src, n, NULL, NULL, 1);
}

size_t ct_mask_text(const char *value, size_t len, char *out, size_t cap)
{
    return ct_mask_copy(out, cap, value, len, NULL, NULL);
}
