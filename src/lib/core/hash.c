/* A 64-bit hash for content de-duplication (FNV-1a folded with a final
 * avalanche; not cryptographic: collisions only merge duplicates, and the
 * store double-checks with the text length). */
#include "internal.h"

uint64_t pw_hash64(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = 0xcbf29ce484222325ULL ^ seed;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h ^ (uint64_t)len;
}
