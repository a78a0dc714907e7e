/* mask.h - masking of printed text (mask.c). Private to the core. */
#ifndef CT_MASK_H
#define CT_MASK_H

#include <stddef.h>

/* Copies src[0..n) into dst (at most cap-1 bytes, NUL-terminated) with
 * every card-number-like digit sequence masked to its first six and last
 * four digits, control characters and non-UTF-8 bytes as '?'; pan and cvv
 * (NUL-terminated, may be NULL) are the request's card data, masked
 * wherever they appear. Returns the length written (<= n). */
size_t ct_mask_copy(char *dst, size_t cap, const char *src, size_t n,
                    const char *pan, const char *cvv);

#endif /* CT_MASK_H */
