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

#define CT_MASK_MAX_SEP 3

typedef struct ct_unit {
    size_t off;
    unsigned char len;
    signed char digit; /* 0..9, or -1 */
    unsigned char sep; /* neither letter nor digit */
    unsigned char bad; /* control character or not UTF-8: printed as '?' */
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

/* Punctuation, symbols and spaces outside ASCII (a coarse table). */
static int ct_is_symbol(uint32_t cp)
{
    return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
           (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
           (cp >= 0xFE10 && cp <= 0xFE1F) || (cp >= 0xFE30 && cp <= 0xFE6F) ||
           cp == 0xFEFF || (cp >= 0xFF01 && cp <= 0xFF0F) ||
           (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
           (cp >= 0xFF5B && cp <= 0xFF65);
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
}

/* The generic rule over units u[0..n). */
static void ct_mask_numbers(ct_unit *u, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t j, last, digits = 0, seen = 0, k;
        if (u[i].digit < 0) {
            i++;
            continue;
        }
        j = i;
        last = i;
        while (j < n) {
            if (u[j].digit >= 0) {
                digits++;
                last = j++;
                continue;
            }
            k = j;
            while (k < n && u[k].sep && u[k].digit < 0 &&
                   k - j < CT_MASK_MAX_SEP)
                k++;
            if (k < n && k > j && u[k].digit >= 0) {
                j = k;
                continue;
            }
            break;
        }
        if (digits >= 12)
            for (k = i; k <= last; k++)
                if (u[k].digit >= 0) {
                    seen++;
                    if (seen > 6 && seen + 4 <= digits)
                        u[k].mask = 1;
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
    if (nd < plen)
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
    for (i = 0; i + plen <= nd; i++) {
        for (k = 0; k < plen; k++)
            if (u[idx[i + k]].digit != pan[k] - '0')
                break;
        if (k == plen)
            for (k = 6; k + 4 < plen; k++)
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

size_t ct_mask_copy(char *dst, size_t cap, const char *src, size_t n,
                    const char *pan, const char *cvv)
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
    ct_mask_numbers(u, nu);
    ct_mask_pan(u, nu, pan);
    ct_mask_cvv(u, nu, cvv);
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

size_t ct_mask_text(const char *value, size_t len, char *out, size_t cap)
{
    return ct_mask_copy(out, cap, value, len, NULL, NULL);
}
