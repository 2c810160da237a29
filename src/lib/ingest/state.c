/*
 * The ingest/segment stages' state on a context (ctx->seen): the registry
 * of content hashes of documents already seen, for duplicate detection, and
 * the segmentation tables, loaded once. Kept in one struct so the context
 * needs a single pointer for both stages.
 */
#include "ingest.h"

struct pw_seen {
	pw_context *ctx;
	uint64_t *keys;    /* 0 = empty (hash 0 is stored as 1) */
	char **ids;
	size_t cap, n;
	/* slots filled since the last clear, so that clearing after each
	 * document (threaded runs) costs its entries, not the table; a grow
	 * or more than eight entries fall back to a full sweep */
	size_t recent[8];
	size_t nrecent;
	int recent_lost;
	int tables_loaded;
	pw_segtables tables;
};

static void seen_free(struct pw_seen *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->cap; i++)
		pw_free(s->ctx, s->ids[i]);
	pw_free(s->ctx, s->keys);
	pw_free(s->ctx, s->ids);
	if (s->tables_loaded)
		pw_segtables_free(&s->tables);
	pw_free(s->ctx, s);
}

static struct pw_seen *state(pw_context *ctx)
{
	if (!ctx->seen) {
		struct pw_seen *s = pw_calloc(ctx, 1, sizeof(*s));

		if (!s)
			return NULL;
		s->ctx = ctx;
		ctx->seen = s;
		ctx->seen_free = seen_free;
	}
	return ctx->seen;
}

int pw_segtables_get(const pw_segtables **out, pw_context *ctx)
{
	struct pw_seen *s = state(ctx);
	int rc;

	*out = NULL;
	if (!s)
		return PW_ENOMEM;
	if (!s->tables_loaded) {
		rc = pw_segtables_load(&s->tables, ctx);
		if (rc)
			return rc;
		s->tables_loaded = 1;
	}
	*out = &s->tables;
	return 0;
}

static int grow(struct pw_seen *s)
{
	size_t cap = s->cap ? s->cap * 2 : 1024, i;
	uint64_t *k = pw_calloc(s->ctx, cap, sizeof(*k));
	char **v = pw_calloc(s->ctx, cap, sizeof(*v));

	if (!k || !v) {
		pw_free(s->ctx, k);
		pw_free(s->ctx, v);
		return PW_ENOMEM;
	}
	for (i = 0; i < s->cap; i++) {
		size_t j;

		if (!s->keys[i])
			continue;
		for (j = s->keys[i] & (cap - 1); k[j]; j = (j + 1) & (cap - 1))
			;
		k[j] = s->keys[i];
		v[j] = s->ids[i];
	}
	pw_free(s->ctx, s->keys);
	pw_free(s->ctx, s->ids);
	s->keys = k;
	s->ids = v;
	s->cap = cap;
	s->recent_lost = 1;
	return 0;
}

int pw_seen_add(pw_context *ctx, uint64_t hash, const char *id, const char **dup_of)
{
	struct pw_seen *s = state(ctx);
	size_t j;

	if (dup_of)
		*dup_of = NULL;
	if (!s)
		return PW_ENOMEM;
	if (!hash)
		hash = 1;
	if ((s->n + 1) * 2 > s->cap && grow(s))
		return PW_ENOMEM;
	for (j = hash & (s->cap - 1); s->keys[j]; j = (j + 1) & (s->cap - 1)) {
		if (s->keys[j] == hash) {
			if (dup_of)
				*dup_of = s->ids[j] ? s->ids[j] : "";
			return PW_EDUP;
		}
	}
	s->ids[j] = pw_strdup(ctx, id ? id : "");
	if (!s->ids[j])
		return PW_ENOMEM;
	s->keys[j] = hash;
	s->n++;
	if (s->nrecent < PW_ARRAY_LEN(s->recent))
		s->recent[s->nrecent++] = j;
	else
		s->recent_lost = 1;
	return 0;
}

void pw_seen_clear(pw_context *ctx)
{
	struct pw_seen *s = ctx->seen;
	size_t i;

	if (!s || !s->n)
		return;
	if (!s->recent_lost) {
		for (i = 0; i < s->nrecent; i++) {
			pw_free(ctx, s->ids[s->recent[i]]);
			s->ids[s->recent[i]] = NULL;
			s->keys[s->recent[i]] = 0;
		}
	} else {
		for (i = 0; i < s->cap; i++) {
			pw_free(ctx, s->ids[i]);
			s->ids[i] = NULL;
			s->keys[i] = 0;
		}
	}
	s->n = 0;
	s->nrecent = 0;
	s->recent_lost = 0;
}
