/* test_writers.c - the request writers of the core (json.c, crypto.c,
 * canon.c, clock.c), byte for byte: JSON strings (plain and PHP-style),
 * percent-encoding, base64 decoding, sorted canonical strings and RFC 3339
 * times. Expected values come from Python (json.dumps, urllib.parse.quote,
 * sorted, datetime.isoformat) and PHP (json_encode, for the PHP style: it keeps
 * DEL as is), never from the core. Linked into test_core. */
#include "expect.h"
#include "buf.h"
#include "canon.h"
#include "clock.h"
#include "crypto.h"
#include "json.h"

#include <string.h>

void writers_tests(int *p, int *f);

static void same(ct_buf *b, const char *want, const char *what)
{
    EXPECT(ct_buf_ok(b) && b->len == strlen(want) &&
               memcmp(b->data, want, b->len) == 0 && b->data[b->len] == '\0',
           "writers: %s: got [%s] want [%s]", what, b->data ? b->data : "",
           want);
    ct_buf_reset(b);
}

static void json_strings(ct_buf *b)
{
    static const char in[] =
        "a\"b\\c/d\001\037\012\015\011\010\014\177 \303\251 \303\274 "
        "\342\202\254 \360\237\230\200 end";
    char longin[8 * 38 + 1];
    int i;

    ct_json_put_str(b, in, sizeof(in) - 1, 0);
    same(b,
         "\"a\\\"b\\\\c/d\\u0001\\u001f\\n\\r\\t\\b\\f\177 \303\251 \303\274 "
         "\342\202\254 \360\237\230\200 end\"",
         "json");
    ct_json_put_str(b, in, sizeof(in) - 1, 1);
    same(b,
         "\"a\\\"b\\\\c\\/d\\u0001\\u001f\\n\\r\\t\\b\\f\177 \\u00e9 "
         "\\u00fc \\u20ac \\ud83d\\ude00 end\"",
         "json php");
    for (i = 0; i < 8; i++) { /* grows past the first 64-byte block */
        memset(longin + i * 38, 'x', 37);
        longin[i * 38 + 37] = '"';
    }
    longin[8 * 38] = '\0';
    ct_buf_puts(b, "{");
    ct_json_put_str(b, longin, strlen(longin), 0);
    {
        char want[8 * 39 + 8], *w = want;
        *w++ = '{';
        *w++ = '"';
        for (i = 0; i < 8; i++) {
            memset(w, 'x', 37);
            w += 37;
            *w++ = '\\';
            *w++ = '"';
        }
        *w++ = '"';
        *w = '\0';
        same(b, want, "json long");
    }
    ct_json_put_str(b, "", 0, 1);
    same(b, "\"\"", "json empty");
}

static void url_encoding(ct_buf *b)
{
    char all[256];
    int i;
    for (i = 1; i < 256; i++)
        all[i - 1] = (char)i;
    ct_buf_puts(b, "x=");
    ct_url_encode(b, all, 255);
    same(b,
         "x=%01%02%03%04%05%06%07%08%09%0A%0B%0C%0D%0E%0F%10%11%12%13%14%15%"
         "16%17%18%19%1A%1B%1C%1D%1E%1F%20%21%22%23%24%25%26%27%28%29%2A%2B%"
         "2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%"
         "5B%5C%5D%5E_%60abcdefghijklmnopqrstuvwxyz%7B%7C%7D~%7F%80%81%82%83%"
         "84%85%86%87%88%89%8A%8B%8C%8D%8E%8F%90%91%92%93%94%95%96%97%98%99%"
         "9A%9B%9C%9D%9E%9F%A0%A1%A2%A3%A4%A5%A6%A7%A8%A9%AA%AB%AC%AD%AE%AF%"
         "B0%B1%B2%B3%B4%B5%B6%B7%B8%B9%BA%BB%BC%BD%BE%BF%C0%C1%C2%C3%C4%C5%"
         "C6%C7%C8%C9%CA%CB%CC%CD%CE%CF%D0%D1%D2%D3%D4%D5%D6%D7%D8%D9%DA%DB%"
         "DC%DD%DE%DF%E0%E1%E2%E3%E4%E5%E6%E7%E8%E9%EA%EB%EC%ED%EE%EF%F0%F1%"
         "F2%F3%F4%F5%F6%F7%F8%F9%FA%FB%FC%FD%FE%FF",
         "url encode");
    ct_url_encode(b, "", 0);
    EXPECT(b->len == 0, "writers: url encode of nothing");
}

static void base64(void)
{
    static const struct {
        const char *in, *hex; /* hex NULL: rejected */
    } t[] = {
        {"", ""},
        {"Zg==", "66"},
        {"Zm8=", "666f"},
        {"Zm9v", "666f6f"},
        {"Zm9vYmFy", "666f6f626172"},
        {"Zm9vYmE=", "666f6f6261"},
        {"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMD"
         "EyMzQ1Njc4OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFi"
         "Y2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl5ent8fX5/+/8=",
         "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021"
         "22232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40414243"
         "4445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465"
         "666768696a6b6c6d6e6f70717273747576777879797a7b7c7d7e7ffbff"},
        {"Zm9=vYmE", NULL},
        {"Zm9v YmE=", NULL},
        {"Zm9vYmE", NULL},
        {"Zg=a", NULL},
        {"Z===", NULL},
        {"Zm9v*mE=", NULL},
    };
    unsigned char out[256];
    char hex[513];
    size_t i, k;
    for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        long got = ct_b64_decode(t[i].in, strlen(t[i].in), out, sizeof(out));
        if (t[i].hex == NULL) {
            EXPECT(got == -1, "writers: base64 [%s] rejected", t[i].in);
            continue;
        }
        for (k = 0; got > 0 && k < (size_t)got; k++)
            snprintf(hex + 2 * k, 3, "%02x", out[k]);
        hex[got > 0 ? 2 * got : 0] = '\0';
        EXPECT(got >= 0 && strcmp(hex, t[i].hex) == 0,
               "writers: base64 [%s]: got %ld bytes [%s]", t[i].in, got, hex);
    }
    /* too little room: rejected, never written past */
    EXPECT(ct_b64_decode("Zm9vYmFy", 8, out, 5) == -1 &&
               ct_b64_decode("Zm9vYmFy", 8, out, 2) == -1 &&
               ct_b64_decode("Zm9vYmFy", 8, out, 6) == 6,
           "writers: base64 output room");
}

static void canonical(ct_buf *b)
{
    /* stable: equal keys keep their order (values tell them apart) */
    static const char *const keys[] = {"b", "a", "ab", "a", "", "B", "aa", "a"};
    static const char *const vals[] = {"1", "2", "3", "", "5", "6", "7", "8"};
    ct_pair p[40];
    char kbuf[40][4];
    size_t i;

    for (i = 0; i < 8; i++) {
        p[i].key = keys[i];
        p[i].klen = strlen(keys[i]);
        p[i].val = vals[i];
        p[i].vlen = strlen(vals[i]);
        p[i].empty = vals[i][0] == '\0';
    }
    ct_pairs_sort(p, 8);
    ct_pairs_join(b, p, 8, 0);
    same(b, "=5&B=6&a=2&a=&a=8&aa=7&ab=3&b=1", "sorted join");
    ct_pairs_join(b, p, 8, 1);
    same(b, "=5&B=6&a=2&a=8&aa=7&ab=3&b=1", "sorted join, empties dropped");
    /* more pairs than the insertion sort takes: k39 .. k00 reversed */
    for (i = 0; i < 40; i++) {
        kbuf[i][0] = 'k';
        kbuf[i][1] = (char)('0' + (39 - i) / 10);
        kbuf[i][2] = (char)('0' + (39 - i) % 10);
        p[i].key = kbuf[i];
        p[i].klen = 3;
        p[i].val = "v";
        p[i].vlen = 1;
        p[i].empty = 0;
    }
    ct_pairs_sort(p, 40);
    for (i = 0; i < 40; i++)
        if (p[i].key[1] != (char)('0' + i / 10) ||
            p[i].key[2] != (char)('0' + i % 10))
            break;
    EXPECT(i == 40, "writers: 40 pairs sorted (first wrong at %zu)", i);
    ct_pairs_join(b, p, 0, 0);
    EXPECT(b->len == 0, "writers: join of nothing");
}

static void times(ct_buf *b)
{
    static const struct {
        int64_t ms;
        int off;
        const char *with_ms, *plain;
    } t[] = {
        {1642816800500LL, 480, "2022-01-22T10:00:00.500+08:00",
         "2022-01-22T10:00:00+08:00"},
        {0, 0, "1970-01-01T00:00:00.000+00:00", "1970-01-01T00:00:00+00:00"},
        {-1500, -330, "1969-12-31T18:29:58.500-05:30",
         "1969-12-31T18:29:58-05:30"},
        {253402300799999LL, 0, "9999-12-31T23:59:59.999+00:00",
         "9999-12-31T23:59:59+00:00"},
    };
    size_t i;
    for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        ct_time tm = {t[i].ms, t[i].off};
        ct_format_time(b, &tm, 1);
        same(b, t[i].with_ms, "time with ms");
        ct_format_time(b, &tm, 0);
        same(b, t[i].plain, "time");
    }
}

void writers_tests(int *p, int *f)
{
    ct_buf b;
    ct_buf_init(&b);
    json_strings(&b);
    url_encoding(&b);
    base64();
    canonical(&b);
    times(&b);
    ct_buf_free(&b);
    *p += passed;
    *f += failed;
}
