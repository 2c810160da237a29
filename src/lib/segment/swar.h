/*
 * Byte tests on 8 bytes at once (SWAR), shared by the normalizer and the
 * tokenizer, which run on every byte of every document. Positions assume
 * little-endian words (byte i is bits 8i..8i+7); callers check
 * __BYTE_ORDER__ before relying on them.
 */
#ifndef PW_SWAR_H
#define PW_SWAR_H

#include <stdint.h>

#define ONES 0x0101010101010101ULL
#define HI 0x8080808080808080ULL

/* The high bits of the zero bytes of v; a byte just above a zero one may be
 * flagged too (a borrow), but the lowest flag is always a true zero. */
static inline uint64_t haszero(uint64_t v)
{
	return (v - ONES) & ~v & HI;
}

/* The high bit of each byte of x (all below 0x80) that is in [lo, hi]. */
#define IN_RANGE8(x, lo, hi) (((x) + ONES * (0x80 - (lo))) & ~((x) + ONES * (0x7F - (hi))) & HI)

/* The number of bytes below the lowest high bit set in stop (8 if none),
 * and in *keep the bits below it. */
static inline uint32_t bytes_before(uint64_t stop, uint64_t *keep)
{
	*keep = (stop & (0 - stop)) - 1;
	/* a sum of 0/1 bytes, by multiplication */
	return (uint32_t)((((*keep & HI) >> 7) * ONES) >> 56);
}

#endif
