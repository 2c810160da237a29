/*
 * Answers of the read routes, kept across requests and workers: a dashboard
 * asks the same few questions over and over, and each answer costs a fold
 * over the store (10-30 ms for a country's partners) plus its JSON.
 *
 * Validity: an answer is tagged with the cache's epoch at the time its
 * computation started. Before each request, the worker asks its own
 * connection whether anything was committed since it last looked (SQLite's
 * PRAGMA data_version, which sees commits from any connection or process:
 * our ingest thread, a `pactwatch ingest` next to the server) and bumps the
 * epoch if so; only answers of the current epoch are served. A commit is
 * therefore noticed by the first request after it, before that request
 * reads the cache, and an answer computed on a snapshot older than a
 * commit is either tagged with an epoch already passed or never stored.
 * Back ends without a data version (PostgreSQL) are not cached.
 *
 * Shared by all workers under one mutex; plain malloc, as no worker's
 * context may be touched from another thread. Least recently used answers
 * go first past the entry or byte limit.
 */
#include "serve/serve_internal.h"
#include "store/backend.h"
#include <stdlib.h>

#define CACHE_ENTRIES 128
#define CACHE_MAX_BYTES (64u << 20)
#define CACHE_MAX_ANSWER (8u << 20)

struct entry {
	char *key;
	char *body;
	size_t len;
	uint64_t epoch;
	uint64_t used;     /* tick of the last hit, for LRU */
};

struct pw_answer_cache {
	pthread_mutex_t mu;
	struct entry e[CACHE_ENTRIES];
	size_t bytes;
	uint64_t epoch, tick;
};

int pw_cache_new(struct pw_answer_cache **out)
{
	struct pw_answer_cache *c = calloc(1, sizeof(*c));

	*out = NULL;
	if (!c)
		return PW_ENOMEM;
	pthread_mutex_init(&c->mu, NULL);
	c->epoch = 1;
	*out = c;
	return 0;
}

static void entry_drop(struct pw_answer_cache *c, struct entry *e)
{
	c->bytes -= e->len;
	free(e->key);
	free(e->body);
	memset(e, 0, sizeof(*e));
}

void pw_cache_free(struct pw_answer_cache *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < CACHE_ENTRIES; i++)
		entry_drop(c, &c->e[i]);
	pthread_mutex_destroy(&c->mu);
	free(c);
}

uint64_t pw_cache_check(struct pw_answer_cache *c, struct pw_slot *sl)
{
	uint64_t v, epoch;

	/* no data version: every answer is computed (and never stored) */
	if (pw_store_data_version(sl->store, &v) != 0)
		return 0;
	pthread_mutex_lock(&c->mu);
	if (!sl->version_seen || v != sl->version) {
		sl->version = v;
		sl->version_seen = 1;
		c->epoch++;
	}
	epoch = c->epoch;
	pthread_mutex_unlock(&c->mu);
	return epoch;
}

int pw_cache_get(struct pw_answer_cache *c, uint64_t epoch, const char *key, pw_buf *out)
{
	size_t i;
	int hit = 0;

	if (!epoch)
		return 0;
	pthread_mutex_lock(&c->mu);
	for (i = 0; i < CACHE_ENTRIES; i++) {
		struct entry *e = &c->e[i];

		if (!e->key || strcmp(e->key, key))
			continue;
		if (e->epoch != c->epoch) {
			entry_drop(c, e);   /* outdated: free its memory now */
			break;
		}
		e->used = ++c->tick;
		pw_buf_append(out, e->body, e->len);
		hit = 1;
		break;
	}
	pthread_mutex_unlock(&c->mu);
	return hit;
}

/* The slot to fill: a free or outdated one, else the least recently used. */
static struct entry *victim(struct pw_answer_cache *c)
{
	struct entry *best = &c->e[0];
	size_t i;

	for (i = 0; i < CACHE_ENTRIES; i++) {
		struct entry *e = &c->e[i];

		if (!e->key || e->epoch != c->epoch)
			return e;
		if (e->used < best->used)
			best = e;
	}
	return best;
}

static struct entry *oldest(struct pw_answer_cache *c)
{
	struct entry *best = NULL;
	size_t i;

	for (i = 0; i < CACHE_ENTRIES; i++)
		if (c->e[i].key && (!best || c->e[i].used < best->used))
			best = &c->e[i];
	return best;
}

void pw_cache_put(struct pw_answer_cache *c, uint64_t epoch, const char *key, const char *body,
		  size_t len)
{
	char *k, *b;
	struct entry *e;
	size_t i;

	if (!epoch || len > CACHE_MAX_ANSWER)
		return;
	k = strdup(key);
	b = malloc(len ? len : 1);
	if (!k || !b) {
		free(k);
		free(b);
		return;
	}
	memcpy(b, body, len);
	pthread_mutex_lock(&c->mu);
	/* computed on a snapshot from before a commit someone has noticed
	 * since: it would never be served */
	if (epoch != c->epoch) {
		pthread_mutex_unlock(&c->mu);
		free(k);
		free(b);
		return;
	}
	for (i = 0; i < CACHE_ENTRIES; i++)   /* two workers computed the same */
		if (c->e[i].key && !strcmp(c->e[i].key, key))
			entry_drop(c, &c->e[i]);
	e = victim(c);
	if (e->key)
		entry_drop(c, e);
	while (c->bytes + len > CACHE_MAX_BYTES && (e = oldest(c)))
		entry_drop(c, e);
	e = victim(c);
	e->key = k;
	e->body = b;
	e->len = len;
	e->epoch = epoch;
	e->used = ++c->tick;
	c->bytes += len;
	pthread_mutex_unlock(&c->mu);
}
