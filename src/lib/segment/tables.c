/* The segmentation tables: abbreviations and stop-word language profiles,
 * read from plain-text files under data/segment/ (formats documented at the
 * top of each file), loaded once per context. */
#include "segment.h"
#include "tokens.h"
#include <errno.h>
#include <stdio.h>

void pw_wordset_init(pw_wordset *s, pw_context *ctx)
{
	memset(s, 0, sizeof(*s));
	pw_buf_init(&s->pool, ctx);
}

static int grow(pw_wordset *s)
{
	size_t cap = s->cap ? s->cap * 2 : 256, i;
	pw_context *ctx = s->pool.ctx;
	uint64_t *h = pw_calloc(ctx, cap, sizeof(*h));
	uint32_t *o = pw_calloc(ctx, cap, sizeof(*o));
	uint8_t *v = pw_calloc(ctx, cap, 1);

	if (!h || !o || !v) {
		pw_free(ctx, h);
		pw_free(ctx, o);
		pw_free(ctx, v);
		return PW_ENOMEM;
	}
	for (i = 0; i < s->cap; i++) {
		size_t j;

		if (!s->hashes[i])
			continue;
		j = s->hashes[i] & (cap - 1);
		while (h[j])
			j = (j + 1) & (cap - 1);
		h[j] = s->hashes[i];
		o[j] = s->offs[i];
		v[j] = s->vals[i];
	}
	pw_free(ctx, s->hashes);
	pw_free(ctx, s->offs);
	pw_free(ctx, s->vals);
	s->hashes = h;
	s->offs = o;
	s->vals = v;
	s->cap = cap;
	return 0;
}

static size_t find(const pw_wordset *s, const char *k, size_t n, uint64_t h)
{
	size_t j = h & (s->cap - 1);

	while (s->hashes[j]) {
		if (s->hashes[j] == h) {
			const char *key = s->pool.data + s->offs[j];

			if (!strncmp(key, k, n) && key[n] == '\0')
				return j;
		}
		j = (j + 1) & (s->cap - 1);
	}
	return j;
}

/* Keys are short words looked up per word of text (stop words for the
 * language, the word before each period for abbreviations): hashed 8 bytes
 * at a time by pw_word_hash(), never 0, which marks empty slots. */
int pw_wordset_put(pw_wordset *s, const char *key, size_t len, uint8_t val)
{
	uint64_t h = pw_word_hash(key, len);
	size_t j;

	if ((s->n + 1) * 2 > s->cap && grow(s))
		return PW_ENOMEM;
	j = find(s, key, len, h);
	if (!s->hashes[j]) {
		if (s->pool.len > UINT32_MAX - len - 1)
			return pw_error_set(s->pool.ctx, PW_ENOMEM, "word table too large");
		s->offs[j] = (uint32_t)s->pool.len;
		if (pw_buf_append(&s->pool, key, len) || pw_buf_putc(&s->pool, '\0'))
			return PW_ENOMEM;
		s->hashes[j] = h;
		s->n++;
		if (len > s->maxlen)
			s->maxlen = len;
	}
	s->vals[j] = val;
	return 0;
}

uint8_t pw_wordset_get(const pw_wordset *s, const char *key, size_t len)
{
	size_t j;

	/* most words of a text are in no table: the longer ones cost
	 * nothing (words before a period, for the abbreviations) */
	if (!s->cap || len > s->maxlen)
		return 0;
	j = find(s, key, len, pw_word_hash(key, len));
	return s->hashes[j] ? s->vals[j] : 0;
}

void pw_wordset_free(pw_wordset *s)
{
	pw_context *ctx = s->pool.ctx;

	pw_free(ctx, s->hashes);
	pw_free(ctx, s->offs);
	pw_free(ctx, s->vals);
	pw_buf_free(&s->pool);
	s->hashes = NULL;
	s->offs = NULL;
	s->vals = NULL;
	s->cap = s->n = s->maxlen = 0;
}

/* Read a table file line by line; fn gets the two whitespace-separated
 * fields of each non-comment line. */
typedef int (*line_fn)(pw_segtables *t, pw_context *ctx, const char *path, unsigned line,
		       const char *a, const char *b);

static int read_table(pw_segtables *t, pw_context *ctx, const char *rel, line_fn fn)
{
	char *path = pw_data_path(ctx, rel);
	char buf[512];
	unsigned lineno = 0;
	int rc = 0;
	FILE *f;

	if (!path)
		return PW_ENOMEM;
	f = fopen(path, "r");
	if (!f) {
		rc = pw_error_set(ctx, PW_EDICT, "%s: cannot open: %s", path, strerror(errno));
		pw_free(ctx, path);
		return rc;
	}
	while (!rc && fgets(buf, sizeof(buf), f)) {
		char *a, *b, *extra, *save = NULL;

		lineno++;
		if (!strchr(buf, '\n') && !feof(f)) {
			rc = pw_error_set(ctx, PW_EDICT, "%s:%u: line too long", path, lineno);
			break;
		}
		if (buf[0] == '#')
			continue;
		a = strtok_r(buf, " \t\r\n", &save);
		if (!a)
			continue;
		b = strtok_r(NULL, " \t\r\n", &save);
		extra = b ? strtok_r(NULL, " \t\r\n", &save) : NULL;
		if (!b || (extra && extra[0] != '#')) {
			rc = pw_error_set(ctx, PW_EDICT, "%s:%u: expected two fields 'KIND WORD'",
					  path, lineno);
			break;
		}
		rc = fn(t, ctx, path, lineno, a, b);
	}
	fclose(f);
	pw_free(ctx, path);
	return rc;
}

static int fold_word(char *out, size_t cap, const char *w)
{
	size_t n = pw_fold(out, cap, w, strlen(w));

	if (n == (size_t)-1 || n == 0)
		return -1;
	/* entries are written without the final dot; tolerate one */
	if (out[n - 1] == '.')
		out[--n] = '\0';
	return (int)n;
}

static int abbr_line(pw_segtables *t, pw_context *ctx, const char *path, unsigned line,
		     const char *kind, const char *word)
{
	char f[128];
	int n, v;

	if (!strcmp(kind, "title"))
		v = PW_ABBR_TITLE;
	else if (!strcmp(kind, "abbr"))
		v = PW_ABBR_PLAIN;
	else if (!strcmp(kind, "starter"))
		v = PW_ABBR_STARTER;
	else if (!strcmp(kind, "tld"))
		v = PW_ABBR_TLD;
	else
		return pw_error_set(ctx, PW_EDICT, "%s:%u: unknown kind '%s' (title, abbr, starter, tld)",
				    path, line, kind);
	n = fold_word(f, sizeof(f), word);
	if (n <= 0)
		return pw_error_set(ctx, PW_EDICT, "%s:%u: bad word '%s'", path, line, word);
	/* a word can be both an abbreviation and a TLD ("no"): the abbreviation wins */
	if (v == PW_ABBR_TLD && pw_wordset_get(&t->abbr, f, (size_t)n))
		return 0;
	return pw_wordset_put(&t->abbr, f, (size_t)n, (uint8_t)v);
}

static int tag_line(pw_segtables *t, pw_context *ctx, const char *path, unsigned line,
		    const char *kind, const char *word)
{
	char f[32];
	int n, v;

	if (!strcmp(kind, "block"))
		v = PW_TAG_BLOCK;
	else if (!strcmp(kind, "inline"))
		v = PW_TAG_INLINE;
	else if (!strcmp(kind, "drop"))
		v = PW_TAG_DROP;
	else
		return pw_error_set(ctx, PW_EDICT, "%s:%u: unknown kind '%s' (block, inline, drop)",
				    path, line, kind);
	n = fold_word(f, sizeof(f), word);
	if (n <= 0 || n > 16)
		return pw_error_set(ctx, PW_EDICT, "%s:%u: bad tag name '%s'", path, line, word);
	return pw_wordset_put(&t->tags, f, (size_t)n, (uint8_t)v);
}

static int stop_line(pw_segtables *t, pw_context *ctx, const char *path, unsigned line,
		     const char *lang, const char *word)
{
	char f[128];
	int i, n;

	if (strlen(lang) < 2 || strlen(lang) > 7)
		return pw_error_set(ctx, PW_EDICT, "%s:%u: bad language code '%s'", path, line, lang);
	for (i = 0; i < t->nlangs; i++)
		if (!strcmp(t->langs[i], lang))
			break;
	if (i == t->nlangs) {
		if (t->nlangs == PW_MAX_LANGS)
			return pw_error_set(ctx, PW_EDICT, "%s:%u: more than %d languages",
					    path, line, PW_MAX_LANGS);
		strcpy(t->langs[t->nlangs++], lang);
	}
	n = fold_word(f, sizeof(f), word);
	if (n <= 0)
		return pw_error_set(ctx, PW_EDICT, "%s:%u: bad word '%s'", path, line, word);
	if (pw_wordset_get(&t->stop, f, (size_t)n))
		return pw_error_set(ctx, PW_EDICT, "%s:%u: '%s' is already listed (a stop word must "
				    "belong to one language)", path, line, word);
	return pw_wordset_put(&t->stop, f, (size_t)n, (uint8_t)(i + 1));
}

int pw_segtables_load(pw_segtables *t, pw_context *ctx)
{
	int rc;

	memset(t, 0, sizeof(*t));
	pw_wordset_init(&t->abbr, ctx);
	pw_wordset_init(&t->stop, ctx);
	pw_wordset_init(&t->tags, ctx);
	rc = read_table(t, ctx, "segment/abbreviations.txt", abbr_line);
	if (!rc)
		rc = read_table(t, ctx, "segment/stopwords.txt", stop_line);
	if (!rc)
		rc = read_table(t, ctx, "segment/tags.txt", tag_line);
	if (!rc && t->nlangs == 0)
		rc = pw_error_set(ctx, PW_EDICT, "segment/stopwords.txt: no language profile");
	if (rc)
		pw_segtables_free(t);
	return rc;
}

void pw_segtables_free(pw_segtables *t)
{
	pw_wordset_free(&t->abbr);
	pw_wordset_free(&t->stop);
	pw_wordset_free(&t->tags);
}
