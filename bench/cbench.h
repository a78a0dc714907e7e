/* cbench.h - the measuring harness shared by the two C programs (limit.c,
 * ct_c.c): the C twin of pybench.py / phpbench.php. Same command line
 * (MODE CALL N FIXTURES_JSON), same measurement (getrusage user + system of
 * the loop / N; CLOCK_MONOTONIC for wall time; an unmeasured warm-up of
 * N/20, at least 20), same JSON output on stdout.
 *
 * A program includes this file once and defines:
 *   void bench_preinit(void);                        before anything touches jansson
 *   int  bench_setup(const char *call, json_t *fx);  0 = ok
 *   int  bench_call(void);                           one network call, 0 = ok
 *   int  bench_nonet(void);                          build + parse canned, 0 = ok
 *   void bench_check(json_t *out);                   fills the check record
 */
#ifndef CBENCH_H
#define CBENCH_H

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static void bench_preinit(void);
static int bench_setup(const char *call, json_t *fx);
static int bench_call(void);
static int bench_nonet(void);
static void bench_check(json_t *out);

static void die(const char *what)
{
    fprintf(stderr, "bench: %s\n", what);
    exit(1);
}

static double cpu_us(void)
{
    struct rusage r;
    getrusage(RUSAGE_SELF, &r);
    return (double)(r.ru_utime.tv_sec + r.ru_stime.tv_sec) * 1e6 +
           (double)(r.ru_utime.tv_usec + r.ru_stime.tv_usec);
}

static double wall_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void run_loop(int (*fn)(void), long n)
{
    for (long i = 0; i < n; i++)
        if (fn() != 0)
            die("a call failed inside the loop");
}

static void measure(int (*fn)(void), long n, json_t *out)
{
    double c0, c1, t0, t1;
    run_loop(fn, n / 20 > 20 ? n / 20 : 20);
    c0 = cpu_us();
    t0 = wall_us();
    run_loop(fn, n);
    t1 = wall_us();
    c1 = cpu_us();
    json_object_set_new(out, "n", json_integer(n));
    json_object_set_new(out, "cpu_us", json_real((c1 - c0) / (double)n));
    json_object_set_new(out, "wall_us", json_real((t1 - t0) / (double)n));
}

/* A string member of a JSON object, or die. */
static const char *jstr(json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));
    if (s == NULL) {
        fprintf(stderr, "bench: fixtures: missing string %s\n", key);
        exit(1);
    }
    return s;
}

int main(int argc, char **argv)
{
    json_error_t jerr;
    json_t *fx, *out;
    const char *mode, *call;
    long n;

    if (argc != 5)
        die("usage: MODE CALL N FIXTURES_JSON");
    bench_preinit();
    mode = argv[1];
    call = argv[2];
    n = atol(argv[3]);
    fx = json_load_file(argv[4], 0, &jerr);
    if (fx == NULL)
        die(jerr.text);
    if (bench_setup(call, fx) != 0)
        die("setup failed");
    out = json_object();
    json_object_set_new(out, "call", json_string(call));
    json_object_set_new(out, "mode", json_string(mode));
    if (strcmp(mode, "net") == 0) {
        if (bench_call() != 0)
            die("the first network call failed");
        measure(bench_call, n, out);
    } else if (strcmp(mode, "nonet") == 0) {
        measure(bench_nonet, n, out);
    } else if (strcmp(mode, "check") == 0) {
        bench_check(out);
    } else {
        die("mode must be net, nonet or check");
    }
    {
        /* Freed with jansson's own free function: a library may have
         * installed another allocator (cardtoken's ct_global_init does). */
        json_malloc_t m;
        json_free_t f;
        char *text = json_dumps(out, JSON_COMPACT);
        json_get_alloc_funcs(&m, &f);
        puts(text);
        f(text);
    }
    json_decref(out);
    json_decref(fx);
    return 0;
}

#endif
