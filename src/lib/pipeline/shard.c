/*
 * Shards: a stable split of documents by id. FNV-1a-64 rather than the
 * library's pw_hash64 because users reproduce the split outside pactwatch
 * (a Spark job deciding which shard re-runs a document, a Python check):
 * FNV-1a is three lines in any language and will never change under us.
 */
#include "../core/internal.h"
#include "pactwatch/pipeline.h"
#include <errno.h>
#include <stdlib.h>

unsigned pw_shard_of(const char *id, unsigned n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	const unsigned char *s = (const unsigned char *)(id ? id : "");

	if (n <= 1)
		return 0;
	for (; *s; s++) {
		h ^= *s;
		h *= 0x100000001b3ULL;
	}
	return (unsigned)(h % n);
}

static int parse_uint(unsigned *out, const char *s, const char *end)
{
	unsigned long v = 0;

	if (s == end)
		return PW_EINVAL;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return PW_EINVAL;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > 1000000)
			return PW_EINVAL;
	}
	*out = (unsigned)v;
	return 0;
}

int pw_shard_parse(unsigned *index, unsigned *count, const char *s)
{
	const char *slash = s ? strchr(s, '/') : NULL;
	unsigned i, n;

	if (!slash || parse_uint(&i, s, slash) || parse_uint(&n, slash + 1, slash + strlen(slash)))
		return PW_EINVAL;
	if (n < 1 || i >= n)
		return PW_EINVAL;
	*index = i;
	*count = n;
	return 0;
}
