/* A 64-bit hash for hash tables and content de-duplication: 8 bytes at a
 * time, multiply-xorshift mixing (in the spirit of wyhash/murmur finalizers;
 * not cryptographic: a collision only merges duplicates, and the store
 * double-checks the text length). */
#include "internal.h"

static inline uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

uint64_t pw_hash64(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ (seed * 0xbf58476d1ce4e5b9ULL) ^ len;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, p + i, 8); /* unaligned-safe; compiles to one load */
		h = (h ^ mix(w)) * 0x9fb21c651e98df25ULL;
		h ^= h >> 29;
	}
	if (i < len) {
		uint64_t w = 0;

		memcpy(&w, p + i, len - i);
		h = (h ^ mix(w ^ ((uint64_t)(len - i) << 56))) * 0x9fb21c651e98df25ULL;
	}
	return mix(h);
}

/* The hash of a folded word: every token gets one in pw_tokenize(), and the
 * word tables (actor dictionary, coder lexicon, modality cues) are keyed by
 * it, so a token is hashed once however many tables look it up. Words are
 * short: 8 bytes at a time, one final mix (the steps are in internal.h,
 * shared with the tokenizer's fold-and-hash pass). Never 0 (0 marks empty
 * slots). */
uint64_t pw_word_hash(const char *s, size_t n)
{
	uint64_t h = pw_word_hash_start(n);

	while (n >= 8) {
		uint64_t w;

		memcpy(&w, s, 8);
		h = pw_word_hash_step(h, w);
		s += 8;
		n -= 8;
	}
	if (n) {
		uint64_t w = 0;

		if (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__) {
			/* the 1-7 last bytes as memcpy() would place them, by
			 * fixed-size loads: no library call for a short word */
			unsigned sh = 0;

			if (n & 4) {
				uint32_t v;

				memcpy(&v, s, 4);
				w = v;
				s += 4;
				sh = 32;
			}
			if (n & 2) {
				uint16_t v;

				memcpy(&v, s, 2);
				w |= (uint64_t)v << sh;
				s += 2;
				sh += 16;
			}
			if (n & 1)
				w |= (uint64_t)(unsigned char)*s << sh;
		} else {
			memcpy(&w, s, n);
		}
		h = pw_word_hash_tail(h, w);
	}
	return pw_word_hash_end(h);
}
