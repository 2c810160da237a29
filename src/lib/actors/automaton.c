/*
 * Token interning and the trie over token ids.
 *
 * Why a trie walked from each token rather than Aho-Corasick: matches must
 * start and end on token boundaries and the longest match from the leftmost
 * start wins, so after a match we jump past it and after a miss we move one
 * token on. Walking the trie from each start costs one lookup for the huge
 * majority of tokens (most words begin no phrase: root edges are a direct
 * array indexed by token id, and a word that is in no phrase has id 0) and
 * a few more only where a phrase prefix really occurs. Failure links would
 * only save re-walking those short prefixes; the cost per token does not
 * depend on the number of entries either way.
 *
 * Token folding is the tokenizer's (tokens.h), applied to dictionary phrases
 * and to text alike, so "Russia's", "RUSSIE" and "russie" meet, and "Niger"
 * can never match inside "Nigeria": they are different tokens.
 */
#include "actors.h"

/* Rehash the intern table into cap slots (a power of two, > icap). */
static int intern_grow(pw_actordict *d, size_t cap)
{
	size_t i;
	pw_islot *v = pw_calloc(d->ctx, cap, sizeof(*v));

	if (!v)
		return PW_ENOMEM;
	for (i = 0; i < d->icap; i++) {
		size_t j;

		if (!d->islot[i].h)
			continue;
		for (j = d->islot[i].h & (cap - 1); v[j].h; j = (j + 1) & (cap - 1))
			;
		v[j] = d->islot[i];
	}
	pw_free(d->ctx, d->islot);
	d->islot = v;
	d->icap = cap;
	return 0;
}

uint32_t pw_intern_find(const pw_actordict *d, const char *s, size_t n)
{
	return pw_intern_find_h(d, s, n, pw_word_hash(s, n));
}

uint32_t pw_intern_add(pw_actordict *d, const char *s, size_t n)
{
	return pw_intern_add_h(d, s, n, pw_word_hash(s, n));
}

uint32_t pw_intern_add_h(pw_actordict *d, const char *s, size_t n, uint64_t h)
{
	uint32_t id = pw_intern_find_h(d, s, n, h);
	size_t j;

	if (id)
		return id;
	if ((d->n_ids + 1) * 2 > d->icap && intern_grow(d, d->icap * 2))
		return 0;
	if (d->ipool.len > UINT32_MAX - n - 1)
		return 0;
	if (pw_buf_reserve(&d->ipool, n + 1)) /* fix: room first, or a failed append leaves a slot pointing past the pool (found by test_faults) */
		return 0;
	for (j = h & (d->icap - 1); d->islot[j].h; j = (j + 1) & (d->icap - 1))
		;
	d->islot[j].h = h;
	d->islot[j].off = (uint32_t)d->ipool.len;
	d->islot[j].len = (uint32_t)n;
	if (pw_buf_append(&d->ipool, s, n) || pw_buf_putc(&d->ipool, '\0'))
		return 0;
	d->islot[j].id = (uint32_t)++d->n_ids;
	return d->islot[j].id;
}

/* Rehash the trie's edge table into cap slots (a power of two, > ecap). */
static int edges_grow(pw_actordict *d, size_t cap)
{
	size_t i;
	uint64_t *k = pw_calloc(d->ctx, cap, sizeof(*k));
	uint32_t *v = pw_malloc(d->ctx, cap * sizeof(*v));

	if (!k || !v) {
		pw_free(d->ctx, k);
		pw_free(d->ctx, v);
		return PW_ENOMEM;
	}
	for (i = 0; i < d->ecap; i++) {
		size_t j;

		if (!d->ekey[i])
			continue;
		for (j = pw_edge_slot(d->ekey[i], cap); k[j]; j = (j + 1) & (cap - 1))
			;
		k[j] = d->ekey[i];
		v[j] = d->eval[i];
	}
	pw_free(d->ctx, d->ekey);
	pw_free(d->ctx, d->eval);
	d->ekey = k;
	d->eval = v;
	d->ecap = cap;
	return 0;
}

static int new_node(pw_actordict *d, uint32_t *out)
{
	if (d->n_nodes == d->node_cap) {
		size_t cap = d->node_cap * 2;
		int32_t *v = pw_realloc(d->ctx, d->node_entry, cap * sizeof(*v));
		uint8_t *c;

		if (!v)
			return PW_ENOMEM;
		d->node_entry = v;
		c = pw_realloc(d->ctx, d->node_case, cap);
		if (!c)
			return PW_ENOMEM;
		d->node_case = c;
		d->node_cap = cap;
	}
	d->node_entry[d->n_nodes] = -1;
	d->node_case[d->n_nodes] = 0;
	*out = (uint32_t)d->n_nodes++;
	return 0;
}

int pw_trie_insert(pw_actordict *d, const uint32_t *ids, size_t n, uint32_t *node_out)
{
	uint32_t node = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		uint32_t child = pw_trie_next(d, node, ids[i]);

		if (!child) {
			if (new_node(d, &child))
				return PW_ENOMEM;
			if (node == 0) {
				if (ids[i] >= d->root_cap) {
					size_t cap = d->root_cap * 2;
					uint32_t *v;

					while (cap <= ids[i])
						cap *= 2;
					v = pw_realloc(d->ctx, d->root_child, cap * sizeof(*v));
					if (!v)
						return PW_ENOMEM;
					memset(v + d->root_cap, 0, (cap - d->root_cap) * sizeof(*v));
					d->root_child = v;
					d->root_cap = cap;
				}
				d->root_child[ids[i]] = child;
			} else {
				uint64_t key = (((uint64_t)node << 32) | ids[i]) + 1;
				size_t j;

				if ((d->n_edges + 1) * 2 > d->ecap && edges_grow(d, d->ecap * 2))
					return PW_ENOMEM;
				for (j = pw_edge_slot(key, d->ecap); d->ekey[j];
				     j = (j + 1) & (d->ecap - 1))
					;
				d->ekey[j] = key;
				d->eval[j] = child;
				d->n_edges++;
			}
		}
		node = child;
	}
	*node_out = node;
	return 0;
}

int pw_trie_init(pw_actordict *d)
{
	d->node_cap = 4096;
	d->node_entry = pw_malloc(d->ctx, d->node_cap * sizeof(*d->node_entry));
	d->node_case = pw_calloc(d->ctx, d->node_cap, 1);
	d->root_cap = 4096;
	d->root_child = pw_calloc(d->ctx, d->root_cap, sizeof(*d->root_child));
	if (!d->node_entry || !d->node_case || !d->root_child || edges_grow(d, 8192) ||
	    intern_grow(d, 4096))
		return PW_ENOMEM;
	d->node_entry[0] = -1;
	d->n_nodes = 1;
	return 0;
}

/* Smallest power of two >= 2 * (n + 1): the tables stay at most half full. */
static size_t table_cap(size_t n, size_t cap)
{
	while ((n + 1) * 2 > cap)
		cap *= 2;
	return cap;
}

int pw_trie_reserve(pw_actordict *d, size_t words, size_t edges)
{
	size_t ic = table_cap(d->n_ids + words, d->icap), ec = table_cap(d->n_edges + edges, d->ecap);

	if (ic > d->icap && intern_grow(d, ic))
		return PW_ENOMEM;
	if (ec > d->ecap && edges_grow(d, ec))
		return PW_ENOMEM;
	return 0;
}

void pw_trie_free(pw_actordict *d)
{
	pw_free(d->ctx, d->node_entry);
	pw_free(d->ctx, d->node_case);
	pw_free(d->ctx, d->root_child);
	pw_free(d->ctx, d->ekey);
	pw_free(d->ctx, d->eval);
	pw_free(d->ctx, d->islot);
	pw_buf_free(&d->ipool);
}

/* Leading articles of dictionary phrases are dropped so that "the Kremlin",
 * "l'Élysée" and "la Russie" in a file match "Kremlin", "Élysée", "Russie"
 * in text whatever article (or none) the writer used: "du Mali", "au Niger",
 * "de l'Union africaine" need no listing. */
static int is_article(const pw_token *t)
{
	switch (t->fold_len) {
	case 1:
		return t->fold[0] == 'l';
	case 2:
		return !memcmp(t->fold, "le", 2) || !memcmp(t->fold, "la", 2);
	case 3:
		return !memcmp(t->fold, "the", 3) || !memcmp(t->fold, "les", 3);
	default:
		return 0;
	}
}

/* Bytes of a plain phrase: pw_tokenize splits it at spaces and hyphens
 * only and folds it by lower-casing. Letters and digits (WORD), spaces
 * (SPACE) and hyphens (HYPHEN); anything else (dots: acronyms, numbers;
 * apostrophes: possessives, elisions; other punctuation or whitespace;
 * non-ASCII) sends the phrase to pw_tokenize. */
enum { PB_OTHER = 0, PB_WORD, PB_SPACE, PB_HYPHEN };
#define PB_W4(c) [c] = PB_WORD, [c + 1] = PB_WORD, [c + 2] = PB_WORD, [c + 3] = PB_WORD
static const uint8_t plain_byte[256] = {
	[' '] = PB_SPACE, ['-'] = PB_HYPHEN,
	PB_W4('0'), PB_W4('4'), ['8'] = PB_WORD, ['9'] = PB_WORD,
	PB_W4('A'), PB_W4('E'), PB_W4('I'), PB_W4('M'), PB_W4('Q'), PB_W4('U'),
	['Y'] = PB_WORD, ['Z'] = PB_WORD,
	PB_W4('a'), PB_W4('e'), PB_W4('i'), PB_W4('m'), PB_W4('q'), PB_W4('u'),
	['y'] = PB_WORD, ['z'] = PB_WORD,
};
#undef PB_W4

/* Append the token text[s, e) whose NUL-terminated fold is at fold. */
static void plain_token(pw_tokens *out, const char *fold, uint32_t s, uint32_t e)
{
	pw_token *t = &out->v[out->n++];

	memset(t, 0, sizeof(*t));
	t->start = s;
	t->end = e;
	t->fold = fold;
	t->fold_len = (uint16_t)PW_MIN(e - s, 65535u); /* capped as pw_tokenize does */
	t->h = pw_word_hash(t->fold, t->fold_len);
}

int pw_phrase_tokenize(pw_actordict *d, const char *phrase, uint32_t n)
{
	pw_tokens *out = &d->stoks;
	const unsigned char *base = (const unsigned char *)phrase, *p = base, *e = base + n;
	char *f, *f0;

	if (out->cap < n) {
		pw_token *v = pw_realloc(d->ctx, out->v, n * sizeof(*v));

		if (!v)
			return PW_ENOMEM;
		out->v = v;
		out->cap = n;
	}
	/* every token's fold and its NUL fit in 2n bytes */
	f0 = f = pw_arena_alloc(&d->scratch, 2 * (size_t)n + 1);
	if (!f)
		return PW_ENOMEM;
	out->n = 0;
	while (p < e) {
		uint8_t k = plain_byte[*p];

		if (k == PB_WORD) {
			const unsigned char *w = p;

			f0 = f;
			do /* lower-cases letters, keeps digits */
				*f++ = (char)(*p++ | 0x20);
			while (p < e && plain_byte[*p] == PB_WORD);
			*f++ = '\0';
			plain_token(out, f0, (uint32_t)(w - base), (uint32_t)(p - base));
			continue;
		}
		if (k == PB_OTHER)
			return pw_tokenize(out, &d->scratch, phrase, 0, n);
		if (k == PB_HYPHEN) {
			f0 = f;
			*f++ = '-';
			*f++ = '\0';
			plain_token(out, f0, (uint32_t)(p - base), (uint32_t)(p - base) + 1);
		}
		p++;
	}
	return 0;
}

int pw_phrase_ids(pw_actordict *d, const char *phrase, size_t n, uint32_t *ids, size_t cap,
		  int add)
{
	const pw_tokens *toks = &d->stoks;
	size_t i, k = 0;

	if (n > UINT32_MAX / 2)
		return -1;
	pw_arena_reset(&d->scratch);
	if (pw_phrase_tokenize(d, phrase, (uint32_t)n))
		return -1;
	for (i = 0; i < toks->n; i++) {
		const pw_token *t = &toks->v[i];
		uint32_t id;

		if (k == 0 && i + 1 < toks->n && is_article(t))
			continue;
		/* hyphens are transparent: "Burkina-Faso" = "Burkina Faso" */
		if (t->fold_len == 1 && t->fold[0] == '-')
			continue;
		if (k == cap)
			return -2; /* too many words */
		id = add ? pw_intern_add_h(d, t->fold, t->fold_len, t->h)
			 : pw_intern_find_h(d, t->fold, t->fold_len, t->h);
		if (!id && add)
			return -1;
		ids[k++] = id;
	}
	return (int)k;
}

int pw_dict_add_phrase(pw_actordict *d, const char *phrase, size_t n, int32_t entry,
		       uint8_t casemode, int32_t *existing)
{
	uint32_t ids[32], node;
	int k = pw_phrase_ids(d, phrase, n, ids, PW_ARRAY_LEN(ids), 1);

	if (k == -2)
		return PW_ELIMIT;
	if (k < 0)
		return PW_ENOMEM;
	if (k == 0)
		return PW_EINVAL;
	if (pw_trie_insert(d, ids, (size_t)k, &node))
		return PW_ENOMEM;
	if (d->node_entry[node] >= 0) {
		*existing = d->node_entry[node];
		return 0;
	}
	d->node_entry[node] = entry;
	d->node_case[node] = casemode;
	return 1;
}
