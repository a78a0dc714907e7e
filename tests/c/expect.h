/* expect.h - the C suites' check macro: EXPECT(cond, fmt, ...) counts a
 * pass or prints the failure with its place and counts it. */
#ifndef CT_TEST_EXPECT_H
#define CT_TEST_EXPECT_H

#include <stdio.h>

static int passed, failed;

#define EXPECT(cond, ...)                                                      \
    do {                                                                       \
        if (cond) {                                                            \
            passed++;                                                          \
        } else {                                                               \
            failed++;                                                          \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                        \
            printf(__VA_ARGS__);                                               \
            printf("\n");                                                      \
        }                                                                      \
    } while (0)

#endif /* CT_TEST_EXPECT_H */
