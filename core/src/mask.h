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

/* As ct_mask_copy, but only card numbers are masked: inside each number
 * of the generic rule that no letter touches (an id such as
 * "WCASSET4111111111111111" is left alone), every run of whole digit groups
 * holding 13 to 19 digits that pass the Luhn check keeps its first six and last
 * four digits; every other byte is copied as it is (raw, README). */
size_t ct_mask_cards_copy(char *dst, size_t cap, const char *src, size_t n);

#endif /* CT_MASK_H */
