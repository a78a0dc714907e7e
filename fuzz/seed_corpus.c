/*
 * seed_corpus.c - writes the seed corpora of the fuzz harnesses from the
 * test vectors: response statuses/headers/bodies, notifications, client
 * configurations, keys and operation arguments, each encoded in its
 * harness's input layout (fuzz_format.h).
 *
 * Usage: seed_corpus <tests/vectors dir> <output dir>
 * Writes <output dir>/<harness>/<gateway>_<case>[_<variant>] and prints the
 * number of seeds per harness. Plain C + jansson: runs on a fresh clone with
 * only the build dependencies installed.
 */
#define _GNU_SOURCE
#include "fuzz_format.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <jansson.h>

static const char *outdir;

typedef struct sbuf {
    unsigned char *d;
    size_t n, cap;
} sbuf;

static void sb_raw(sbuf *b, const void *p, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + n + 1)
            cap *= 2;
        b->d = realloc(b->d, cap);
        if (b->d == NULL) {
            perror("realloc");
            exit(2);
        }
        b->cap = cap;
    }
    if (n)
        memcpy(b->d + b->n, p, n);
    b->n += n;
}

static void sb_u8(sbuf *b, unsigned v)
{
    unsigned char c = (unsigned char)v;
    sb_raw(b, &c, 1);
}

/* A "str": backslashes doubled, then a backslash + '|' as terminator. */
static void sb_str(sbuf *b, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (s[i] == '\\')
            sb_raw(b, "\\", 1);
        sb_raw(b, s + i, 1);
    }
    sb_raw(b, "\\|", 2);
}

static void sb_cstr(sbuf *b, const char *s) { sb_str(b, s, strlen(s)); }

static void sb_free(sbuf *b)
{
    free(b->d);
    memset(b, 0, sizeof(*b));
}

/* ---- output --------------------------------------------------------- */

typedef struct count {
    char harness[64];
    int n;
} count;
static count counts[64];
static int ncounts;

static void bump(const char *harness)
{
    int i;
    for (i = 0; i < ncounts; i++)
        if (strcmp(counts[i].harness, harness) == 0) {
            counts[i].n++;
            return;
        }
    if (ncounts < 64) {
        snprintf(counts[ncounts].harness, sizeof(counts[0].harness), "%s",
                 harness);
        counts[ncounts++].n = 1;
    }
}

static void mkdirs(const char *path)
{
    if (mkdir(path, 0755) != 0 && errno != EEXIST) {
        perror(path);
        exit(2);
    }
}

/* Identical seeds for one harness are written once. */
static struct seen {
    char harness[64];
    unsigned long long hash;
} *seen;
static size_t nseen, capseen;

static int duplicate(const char *harness, const sbuf *b)
{
    unsigned long long h = 1469598103934665603ULL;
    size_t i;
    for (i = 0; i < b->n; i++)
        h = (h ^ b->d[i]) * 1099511628211ULL;
    for (i = 0; i < nseen; i++)
        if (seen[i].hash == h && strcmp(seen[i].harness, harness) == 0)
            return 1;
    if (nseen == capseen) {
        capseen = capseen ? capseen * 2 : 256;
        seen = realloc(seen, capseen * sizeof(*seen));
        if (seen == NULL)
            exit(2);
    }
    snprintf(seen[nseen].harness, sizeof(seen[0].harness), "%s", harness);
    seen[nseen++].hash = h;
    return 0;
}

static void emit(const char *harness, const char *gw, const char *name,
                 const char *variant, const sbuf *b)
{
    char dir[4096], path[8192];
    FILE *f;
    if (duplicate(harness, b))
        return;
    snprintf(dir, sizeof(dir), "%s/%s", outdir, harness);
    mkdirs(dir);
    snprintf(path, sizeof(path), "%s/%s_%s%s%s", dir, gw, name,
             variant[0] ? "_" : "", variant);
    f = fopen(path, "wb");
    if (f == NULL || fwrite(b->d, 1, b->n, f) != b->n || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
    bump(harness);
}

/* ---- helpers -------------------------------------------------------- */

static int gw_num(const char *gw)
{
    if (strcmp(gw, "pagsmile") == 0) return FZ_GW_PAGSMILE;
    if (strcmp(gw, "payermax") == 0) return FZ_GW_PAYERMAX;
    if (strcmp(gw, "yabandpay") == 0) return FZ_GW_YABANDPAY;
    if (strcmp(gw, "worldfirst") == 0) return FZ_GW_WORLDFIRST;
    return 0;
}

/* A JSON scalar as the text a binding would pass (as tests/c does). */
static const char *text_of(json_t *v, char *tmp, size_t cap)
{
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(tmp, cap, "%lld", (long long)json_integer_value(v));
        return tmp;
    }
    if (json_is_real(v)) {
        snprintf(tmp, cap, "%.17g", json_real_value(v));
        return tmp;
    }
    return NULL;
}

static size_t text_len(json_t *v, const char *t)
{
    return json_is_string(v) ? json_string_length(v) : strlen(t);
}

/* "name" per fuzz_format.h. */
static void sb_name(sbuf *b, const char *name, const char *const *table,
                    size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strcmp(table[i], name) == 0) {
            sb_u8(b, (unsigned)(i * 4));
            return;
        }
    sb_u8(b, 3);
    sb_cstr(b, name);
}

static unsigned status_byte(int status)
{
    unsigned i;
    if (status == 200)
        return 0;
    for (i = 0; i < 16; i++)
        if (fz_statuses[i] == status)
            return 0xF0 + i;
    return 0xF0 + 4; /* 400 */
}

static json_t *header_value(json_t *headers, const char *name)
{
    size_t i;
    json_t *h;
    json_array_foreach(headers, i, h) {
        if (strcasecmp(json_string_value(json_array_get(h, 0)), name) == 0)
            return json_array_get(h, 1);
    }
    return NULL;
}

static void sb_headers(sbuf *b, json_t *headers)
{
    size_t i, n = json_array_size(headers);
    json_t *h;
    if (n > 12)
        n = 12;
    sb_u8(b, (unsigned)n);
    json_array_foreach(headers, i, h) {
        json_t *hn = json_array_get(h, 0), *hv = json_array_get(h, 1);
        if (i >= n)
            break;
        sb_str(b, json_string_value(hn), json_string_length(hn));
        sb_str(b, json_string_value(hv), json_string_length(hv));
    }
}

/* Copy of s with the first `from` replaced by `to`; NULL when absent. */
static char *replace(const char *s, size_t n, const char *from,
                     const char *to, size_t *outlen)
{
    size_t fl = strlen(from), tl = strlen(to);
    const char *hit = fl ? memmem(s, n, from, fl) : NULL;
    char *out;
    size_t before;
    if (hit == NULL)
        return NULL;
    before = (size_t)(hit - s);
    out = malloc(n - fl + tl + 1);
    if (out == NULL)
        exit(2);
    memcpy(out, s, before);
    memcpy(out + before, to, tl);
    memcpy(out + before + tl, hit + fl, n - before - fl);
    *outlen = n - fl + tl;
    out[*outlen] = '\0';
    return out;
}

/* application/x-www-form-urlencoded, leaving '@' (the placeholder) as is;
 * plus: ' ' as '+' (else %20). */
static void form_encode(sbuf *b, const char *s, size_t n, int plus)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
            c == '~' || c == '@') {
            sb_raw(b, &c, 1);
        } else if (c == ' ' && plus) {
            sb_raw(b, "+", 1);
        } else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            sb_raw(b, e, 3);
        }
    }
}

/* ---- per kind ------------------------------------------------------- */

static void seed_config(const char *gw, const char *name, json_t *config)
{
    sbuf b = {0};
    const char *key;
    json_t *v;
    char tmp[64];
    size_t n = json_object_size(config);

    sb_u8(&b, (unsigned)(gw_num(gw) - 1));
    sb_u8(&b, (unsigned)(n > 23 ? 23 : n));
    json_object_foreach(config, key, v) {
        const char *t = text_of(v, tmp, sizeof(tmp));
        if (t == NULL)
            continue;
        sb_name(&b, key, fz_option_names, FZ_LEN(fz_option_names));
        sb_str(&b, t, text_len(v, t));
    }
    emit("config", gw, name, "", &b);
    sb_free(&b);

    /* key texts for the keys harness */
    if (gw_num(gw) == FZ_GW_PAYERMAX || gw_num(gw) == FZ_GW_WORLDFIRST) {
        json_t *priv = json_object_get(config, "private_key");
        json_t *pub = json_object_get(config, "gateway_public_key");
        unsigned g = gw_num(gw) == FZ_GW_WORLDFIRST ? FZ_KEYS_WORLDFIRST : 0;
        if (json_is_string(priv)) {
            sb_u8(&b, g | FZ_KEYS_PRIVATE);
            sb_raw(&b, json_string_value(priv), json_string_length(priv));
            emit("keys", gw, name, "private", &b);
            sb_free(&b);
        }
        if (json_is_string(pub)) {
            sb_u8(&b, g | FZ_KEYS_PUBLIC);
            sb_raw(&b, json_string_value(pub), json_string_length(pub));
            emit("keys", gw, name, "public", &b);
            sb_free(&b);
        }
        if (json_is_string(priv) && json_is_string(pub)) {
            sb_u8(&b, g | FZ_KEYS_BOTH);
            sb_str(&b, json_string_value(priv), json_string_length(priv));
            sb_raw(&b, json_string_value(pub), json_string_length(pub));
            emit("keys", gw, name, "both", &b);
            sb_free(&b);
        }
    }
}

static void seed_build(const char *gw, const char *name, json_t *args)
{
    static const char *const *tables[] = {NULL, fz_args_pagsmile,
                                          fz_args_payermax, fz_args_yabandpay,
                                          fz_args_worldfirst};
    static const size_t sizes[] = {0, FZ_LEN(fz_args_pagsmile),
                                   FZ_LEN(fz_args_payermax),
                                   FZ_LEN(fz_args_yabandpay),
                                   FZ_LEN(fz_args_worldfirst)};
    char harness[64], tmp[64];
    sbuf b = {0};
    const char *key;
    json_t *v;
    int g = gw_num(gw);

    snprintf(harness, sizeof(harness), "build_%s", gw);
    sb_u8(&b, (unsigned)json_object_size(args));
    json_object_foreach(args, key, v) {
        const char *t = text_of(v, tmp, sizeof(tmp));
        sb_name(&b, key, tables[g], sizes[g]);
        if (t == NULL)
            sb_str(&b, "", 0);
        else
            sb_str(&b, t, text_len(v, t));
    }
    emit(harness, gw, name, "", &b);
    sb_free(&b);
}

/* The operations of each gateway in the core's order (ct_describe's JSON,
 * the optional third argument): a lifecycle vector's "op" -> its index. */
static json_t *describe;

static int op_index(const char *gw, const char *op)
{
    json_t *g, *o;
    size_t i, k;
    if (describe == NULL || op == NULL)
        return 0;
    json_array_foreach(json_object_get(describe, "gateways"), i, g) {
        if (strcmp(json_string_value(json_object_get(g, "name")), gw) != 0)
            continue;
        json_array_foreach(json_object_get(g, "ops"), k, o) {
            if (strcmp(json_string_value(json_object_get(o, "name")), op) == 0)
                return (int)k;
        }
    }
    return -1;
}

static void seed_response(const char *gw, const char *name, json_t *c)
{
    json_t *resp = json_object_get(c, "response");
    json_t *headers = json_object_get(resp, "headers");
    json_t *body = json_object_get(resp, "body");
    json_t *attempt = json_object_get(json_object_get(c, "args"),
                                      "retry_attempt");
    char harness[64];
    unsigned req = 1;
    int with_req, k;
    sbuf b = {0};

    if (!json_is_string(body))
        return;
    if (gw_num(gw) == FZ_GW_WORLDFIRST && attempt != NULL) {
        char tmp[64];
        const char *t = text_of(attempt, tmp, sizeof(tmp));
        long n = t ? strtol(t, NULL, 10) : 0;
        if (n >= 0 && n <= 8)
            req = (unsigned)n + 1;
    }
    snprintf(harness, sizeof(harness), "parse_%s", gw);
    k = op_index(gw, json_string_value(json_object_get(c, "op")));
    if (k < 0)
        return;
    if (k > 0) { /* another operation's answer: no request, 0x80 + its index */
        sb_u8(&b, status_byte((int)json_integer_value(json_object_get(resp, "status"))));
        sb_u8(&b, (unsigned)(0x80 + k));
        sb_headers(&b, headers);
        sb_raw(&b, json_string_value(body), json_string_length(body));
        emit(harness, gw, name, "op", &b);
        sb_free(&b);
        return;
    }
    for (with_req = 1; with_req >= 0; with_req--) {
        sb_u8(&b, status_byte((int)json_integer_value(
                      json_object_get(resp, "status"))));
        sb_u8(&b, with_req ? req : 0);
        sb_headers(&b, headers);
        sb_raw(&b, json_string_value(body), json_string_length(body));
        emit(harness, gw, name, with_req ? "" : "noreq", &b);
        sb_free(&b);
    }

    if (gw_num(gw) == FZ_GW_WORLDFIRST) {
        json_t *cid = header_value(headers, "Client-Id");
        json_t *time = header_value(headers, "Response-Time");
        json_t *sig = header_value(headers, "Signature");
        if (cid && time && sig) {
            sb_str(&b, json_string_value(cid), json_string_length(cid));
            sb_str(&b, json_string_value(time), json_string_length(time));
            sb_str(&b, json_string_value(sig), json_string_length(sig));
            sb_u8(&b, 1);
            sb_raw(&b, json_string_value(body), json_string_length(body));
            emit("wf_signature", gw, name, "", &b);
            sb_free(&b);
        }
    }
}

/* YabandPay: the body verbatim, with the placeholder, and form variants. */
static void seed_yabandpay_note(const char *name, json_t *note)
{
    json_t *body = json_object_get(note, "body");
    const char *s = json_string_value(body);
    size_t n = json_string_length(body), plen = 0;
    json_t *root, *sign;
    char *ph = NULL;
    sbuf b = {0};
    int form = n > 0 && s[0] != '{';

    if (s == NULL)
        return;
    sb_u8(&b, 0);
    sb_raw(&b, s, n);
    emit("notify_yabandpay", "yabandpay", name, "", &b);
    if (form)
        emit("yabandpay_form", "yabandpay", name, "", &b);
    sb_free(&b);

    /* the sign's hex appears as is in both forms of the body */
    root = json_loads(s, JSON_DECODE_INT_AS_REAL, NULL);
    if (root == NULL) { /* the form: decode roughly to find the sign */
        const char *k = strstr(s, "%22sign%22%3A%22");
        if (k != NULL && strlen(k) > 16 + 64) {
            char hex[65];
            memcpy(hex, k + 16, 64);
            hex[64] = '\0';
            ph = replace(s, n, hex, FZ_SIGN_PLACEHOLDER, &plen);
        }
    } else {
        sign = json_object_get(root, "sign");
        if (json_is_string(sign) && json_string_length(sign) > 0)
            ph = replace(s, n, json_string_value(sign), FZ_SIGN_PLACEHOLDER,
                         &plen);
    }
    if (ph != NULL) {
        sb_u8(&b, 1);
        sb_raw(&b, ph, plen);
        emit("notify_yabandpay", "yabandpay", name, "resign", &b);
        if (form)
            emit("yabandpay_form", "yabandpay", name, "resign", &b);
        sb_free(&b);
        if (!form) { /* the JSON as form bodies */
            sb_u8(&b, 1);
            sb_raw(&b, "resultData=", 11);
            form_encode(&b, ph, plen, 1);
            emit("yabandpay_form", "yabandpay", name, "form_plus", &b);
            sb_free(&b);
            sb_u8(&b, 1);
            sb_raw(&b, "type=payment&resultData=", 24);
            form_encode(&b, ph, plen, 0);
            sb_raw(&b, "&x=1", 4);
            emit("yabandpay_form", "yabandpay", name, "form_fields", &b);
            sb_free(&b);
            sb_u8(&b, 1);
            sb_raw(&b, ph, plen); /* raw: the harness adds resultData= */
            emit("yabandpay_form", "yabandpay", name, "form_raw", &b);
            sb_free(&b);
        }
    }
    free(ph);
    json_decref(root);
}

static void seed_notification(const char *gw, const char *name, json_t *c)
{
    json_t *note = json_object_get(c, "notification");
    char harness[64];
    sbuf b = {0};
    int g = gw_num(gw);

    snprintf(harness, sizeof(harness), "notify_%s", gw);
    if (g == FZ_GW_PAGSMILE) {
        json_t *fields = json_object_get(note, "fields");
        char *text = json_dumps(fields, JSON_COMPACT | JSON_ENCODE_ANY);
        if (text == NULL)
            return;
        sb_u8(&b, 0);
        sb_raw(&b, text, strlen(text));
        emit(harness, gw, name, "", &b);
        sb_free(&b);
        free(text);
        if (json_is_object(fields)) {
            json_t *copy = json_deep_copy(fields);
            json_object_set_new(copy, "sign",
                                json_string(FZ_SIGN_PLACEHOLDER));
            text = json_dumps(copy, JSON_COMPACT);
            sb_u8(&b, 1);
            sb_raw(&b, text, strlen(text));
            emit(harness, gw, name, "resign", &b);
            sb_free(&b);
            free(text);
            json_decref(copy);
        }
    } else if (g == FZ_GW_PAYERMAX) {
        json_t *sign = json_object_get(note, "sign");
        json_t *body = json_object_get(note, "body");
        if (!json_is_string(body))
            return;
        if (json_is_string(sign))
            sb_str(&b, json_string_value(sign), json_string_length(sign));
        else
            sb_str(&b, "", 0);
        sb_raw(&b, json_string_value(body), json_string_length(body));
        emit(harness, gw, name, "", &b);
        sb_free(&b);
    } else if (g == FZ_GW_YABANDPAY) {
        seed_yabandpay_note(name, note);
    } else if (g == FZ_GW_WORLDFIRST) {
        json_t *path = json_object_get(note, "path");
        json_t *body = json_object_get(note, "body");
        if (!json_is_string(body))
            return;
        sb_cstr(&b, json_is_string(path) ? json_string_value(path) : "");
        sb_headers(&b, json_object_get(note, "headers"));
        sb_raw(&b, json_string_value(body), json_string_length(body));
        emit(harness, gw, name, "", &b);
        sb_free(&b);
    }
}

/* Every key file: private ones as private_key, public ones as
 * gateway_public_key, for both RSA gateways. */
static void seed_keys(const char *vectors)
{
    char dir[4096], path[8192];
    DIR *d;
    struct dirent *e;
    snprintf(dir, sizeof(dir), "%s/keys", vectors);
    d = opendir(dir);
    if (d == NULL) {
        perror(dir);
        exit(2);
    }
    while ((e = readdir(d)) != NULL) {
        FILE *f;
        char *text;
        long len;
        unsigned g;
        int priv;
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        f = fopen(path, "rb");
        if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
            fseek(f, 0, SEEK_SET) != 0) {
            perror(path);
            exit(2);
        }
        text = malloc((size_t)len + 1);
        if (text == NULL || fread(text, 1, (size_t)len, f) != (size_t)len) {
            perror(path);
            exit(2);
        }
        fclose(f);
        priv = strstr(e->d_name, "private") != NULL;
        for (g = 0; g < 2; g++) {
            sbuf b = {0};
            sb_u8(&b, g | (priv ? FZ_KEYS_PRIVATE : FZ_KEYS_PUBLIC));
            sb_raw(&b, text, (size_t)len);
            emit("keys", g ? "worldfirst" : "payermax", "file", e->d_name, &b);
            sb_free(&b);
        }
        free(text);
    }
    closedir(d);
}

static void seed_case(const char *path)
{
    json_error_t jerr;
    /* a vector with an integer beyond 64 bits: every number a real */
    json_t *c = json_load_file(path, 0, &jerr), *v;
    if (c == NULL && json_error_code(&jerr) == json_error_numeric_overflow)
        c = json_load_file(path, JSON_DECODE_INT_AS_REAL, &jerr);
    const char *gw, *name, *kind;
    if (c == NULL) {
        fprintf(stderr, "%s: %s\n", path, jerr.text);
        exit(2);
    }
    gw = json_string_value(json_object_get(c, "gateway"));
    name = json_string_value(json_object_get(c, "name"));
    kind = json_string_value(json_object_get(c, "kind"));
    if (gw == NULL || name == NULL || kind == NULL || gw_num(gw) == 0) {
        json_decref(c);
        return;
    }
    if ((v = json_object_get(c, "config")) != NULL && json_is_object(v))
        seed_config(gw, name, v);
    if ((v = json_object_get(c, "args")) != NULL && json_is_object(v))
        seed_build(gw, name, v);
    if (json_object_get(c, "response") != NULL)
        seed_response(gw, name, c);
    if (strcmp(kind, "notification") == 0)
        seed_notification(gw, name, c);
    json_decref(c);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    static const char *const gws[] = {"pagsmile", "payermax", "yabandpay",
                                      "worldfirst"};
    size_t g;
    int i, total = 0;

    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: %s <tests/vectors dir> <output dir> [ct_describe JSON]\n",
                argv[0]);
        return 2;
    }
    if (argc == 4 && (describe = json_load_file(argv[3], 0, NULL)) == NULL) {
        fprintf(stderr, "%s: not ct_describe's JSON\n", argv[3]);
        return 2;
    }
    outdir = argv[2];
    mkdirs(outdir);
    for (g = 0; g < FZ_LEN(gws); g++) {
        char dir[4096], path[8192];
        char *names[1024];
        size_t n = 0, k;
        DIR *d;
        struct dirent *e;
        snprintf(dir, sizeof(dir), "%s/%s", argv[1], gws[g]);
        d = opendir(dir);
        if (d == NULL) {
            perror(dir);
            return 2;
        }
        while ((e = readdir(d)) != NULL && n < 1024) {
            size_t l = strlen(e->d_name);
            if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0)
                names[n++] = strdup(e->d_name);
        }
        closedir(d);
        qsort(names, n, sizeof(names[0]), cmp_str);
        for (k = 0; k < n; k++) {
            snprintf(path, sizeof(path), "%s/%s", dir, names[k]);
            seed_case(path);
            free(names[k]);
        }
    }
    seed_keys(argv[1]);
    for (i = 0; i < ncounts; i++) {
        printf("  seeds %-20s %4d\n", counts[i].harness, counts[i].n);
        total += counts[i].n;
    }
    printf("  seeds total %d in %s\n", total, outdir);
    return 0;
}
