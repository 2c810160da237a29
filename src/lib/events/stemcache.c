/* A per-context cache of Snowball stems. News vocabulary is small and
 * repetitive (the same few thousand words in every document), while
 * sb_stemmer_stem() costs a few hundred nanoseconds a word: stemming each
 * distinct (language, word) once makes stemming nearly free. The cache is
 * bounded: when it fills up it is emptied and starts again, which keeps
 * memory flat on adversarial input with millions of distinct words. */
#include "events_internal.h"

#define STEMCACHE_SLOTS (1u << 16)   /* power of two */
#define STEMCACHE_MAX_USED (STEMCACHE_SLOTS / 2)
#define STEMCACHE_MAX_WORD 48        /* longer words are not cached */

typedef struct stem_entry {
	uint64_t key;
	uint8_t lang, fold_len, stem_len;
	char text[];                     /* fold, then stem (not terminated) */
} stem_entry;

struct pw_stemcache {
	pw_context *ctx;
	stem_entry *slots[STEMCACHE_SLOTS];
	size_t used;
	pw_arena pool;
};

int pw_stemcache_new(struct pw_stemcache **out, pw_context *ctx)
{
	struct pw_stemcache *c = pw_calloc(ctx, 1, sizeof(*c));

	*out = NULL;
	if (!c)
		return PW_ENOMEM;
	c->ctx = ctx;
	pw_arena_init(&c->pool, ctx, 256 * 1024);
	*out = c;
	return 0;
}

void pw_stemcache_free(struct pw_stemcache *c)
{
	if (!c)
		return;
	pw_arena_free(&c->pool);
	pw_free(c->ctx, c);
}

static size_t slot_of(const struct pw_stemcache *c, uint64_t key, int lang, const char *fold,
		      size_t n)
{
	size_t i;

	for (i = key & (STEMCACHE_SLOTS - 1);; i = (i + 1) & (STEMCACHE_SLOTS - 1)) {
		const stem_entry *e = c->slots[i];

		if (!e || (e->key == key && e->lang == lang && e->fold_len == n &&
			   !memcmp(e->text, fold, n)))
			return i;
	}
}

size_t pw_stemcache_get(struct pw_stemcache *c, int lang, const char *fold, size_t n,
			char *out, size_t cap)
{
	const stem_entry *e;
	size_t k;

	if (n > STEMCACHE_MAX_WORD || !cap)
		return (size_t)-1;
	e = c->slots[slot_of(c, pw_hash64(fold, n, (uint64_t)lang), lang, fold, n)];
	if (!e)
		return (size_t)-1;
	k = PW_MIN((size_t)e->stem_len, cap - 1);
	memcpy(out, e->text + e->fold_len, k);
	out[k] = '\0';
	return k;
}

void pw_stemcache_put(struct pw_stemcache *c, int lang, const char *fold, size_t n,
		      const char *stem, size_t sn)
{
	uint64_t key;
	stem_entry *e;
	size_t i;

	if (n > STEMCACHE_MAX_WORD || sn > STEMCACHE_MAX_WORD)
		return;
	if (c->used >= STEMCACHE_MAX_USED) {
		memset(c->slots, 0, sizeof(c->slots));
		c->used = 0;
		pw_arena_reset(&c->pool);
	}
	key = pw_hash64(fold, n, (uint64_t)lang);
	i = slot_of(c, key, lang, fold, n);
	if (c->slots[i])
		return;
	e = pw_arena_alloc(&c->pool, sizeof(*e) + n + sn);
	if (!e)
		return; /* a cache: failing to remember is harmless */
	e->key = key;
	e->lang = (uint8_t)lang;
	e->fold_len = (uint8_t)n;
	e->stem_len = (uint8_t)sn;
	memcpy(e->text, fold, n);
	memcpy(e->text + n, stem, sn);
	c->slots[i] = e;
	c->used++;
}
