/*
 * The store above the storage interface: opening and migrating, writing
 * documents idempotently, statistics and the canonical dump. One code path
 * for SQLite and PostgreSQL (see backend.h).
 */
#include "store/backend.h"
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- small helpers ----------------------------------------------------- */

struct str_out {
	pw_context *ctx;
	char *s;
	int got;
};

static int first_str_row(void *ud, int ncol, const char *const *vals)
{
	struct str_out *o = ud;

	o->got = 1;
	if (ncol > 0 && vals[0])
		o->s = pw_strdup(o->ctx, vals[0]);
	return 1;
}

int pw_store_query_str(pw_store *s, char **out, const char *sql, int np,
		       const char *const *params)
{
	struct str_out o = {s->ctx, NULL, 0};
	int rc = s->ops->query(s, sql, np, params, first_str_row, &o);

	*out = o.s;
	return rc;
}

/* ---- migrations --------------------------------------------------------- */

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run one migration file's statements; each ends with ';' at a line end. */
static int run_sql_file(pw_store *s, const char *path)
{
	FILE *f = fopen(path, "r");
	pw_buf stmt;
	char line[4096], where[1200];
	unsigned lineno = 0, first = 0;
	int rc = 0;

	if (!f)
		return pw_error_set(s->ctx, PW_EIO, "%s: %s", path, strerror(errno));
	pw_buf_init(&stmt, s->ctx);
	while (!rc && fgets(line, sizeof(line), f)) {
		char *p = line, *e;
		lineno++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!strncmp(p, "--", 2) || *p == '\n' || !*p)
			continue;
		if (!stmt.len)
			first = lineno;
		pw_buf_puts(&stmt, line);
		e = line + strlen(line);
		while (e > line && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e > line && e[-1] == ';') {
			snprintf(where, sizeof(where), "%s:%u", path, first);
			rc = s->ops->exec(s, pw_buf_cstr(&stmt), where);
			pw_buf_reset(&stmt);
		}
	}
	if (!rc && stmt.len)
		rc = pw_error_set(s->ctx, PW_ESTORE, "%s:%u: statement without ';'", path, first);
	pw_buf_free(&stmt);
	fclose(f);
	return rc;
}

static int current_version(pw_store *s, int *out)
{
	char *v = NULL;
	int rc = pw_store_query_str(s, &v, "SELECT MAX(version) FROM schema_version", 0, NULL);

	*out = v ? atoi(v) : 0;
	pw_free(s->ctx, v);
	return rc;
}

static int migrate(pw_store *s)
{
	char *dir = pw_data_path(s->ctx, "sql");
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (!dir)
		return PW_ENOMEM;
	rc = s->ops->exec(s, "CREATE TABLE IF NOT EXISTS schema_version ("
			     "version INTEGER PRIMARY KEY, name TEXT NOT NULL)", NULL);
	if (rc)
		goto out;
	d = opendir(dir);
	if (!d) {
		rc = pw_error_set(s->ctx, PW_EIO, "%s: %s (schema files)", dir, strerror(errno));
		goto out;
	}
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (l < 5 || strcmp(de->d_name + l - 4, ".sql") || de->d_name[0] < '0' ||
		    de->d_name[0] > '9')
			continue;
		if (n == cap) {
			char **nn = pw_realloc(s->ctx, names, (cap = cap ? cap * 2 : 8) * sizeof(*nn));
			if (!nn) {
				rc = PW_ENOMEM;
				break;
			}
			names = nn;
		}
		if (!(names[n] = pw_strdup(s->ctx, de->d_name))) {
			rc = PW_ENOMEM;
			break;
		}
		n++;
	}
	closedir(d);
	if (rc)
		goto out;
	qsort(names, n, sizeof(*names), name_cmp);
	rc = current_version(s, &s->schema_version);
	for (i = 0; !rc && i < n; i++) {
		int v = atoi(names[i]), cur = 0;
		char *path, vbuf[16];
		const char *params[2];

		if (v <= s->schema_version)
			continue;
		/* Re-check inside the transaction: another process may have
		 * migrated while we waited for the lock. */
		if ((rc = s->ops->begin(s)))
			break;
		rc = current_version(s, &cur);
		if (!rc && cur < v) {
			path = pw_data_path(s->ctx, "sql");
			if (!path) {
				rc = PW_ENOMEM;
			} else {
				pw_buf full;
				pw_buf_init(&full, s->ctx);
				pw_buf_printf(&full, "%s/%s", path, names[i]);
				rc = run_sql_file(s, pw_buf_cstr(&full));
				pw_buf_free(&full);
				pw_free(s->ctx, path);
			}
			if (!rc) {
				snprintf(vbuf, sizeof(vbuf), "%d", v);
				params[0] = vbuf;
				params[1] = names[i];
				rc = s->ops->query(s, "INSERT INTO schema_version (version, name) VALUES (?, ?)",
						   2, params, NULL, NULL);
			}
		}
		if (rc) {
			s->ops->rollback(s);
			break;
		}
		rc = s->ops->commit(s);
		if (!rc)
			s->schema_version = PW_MAX(v, cur);
	}
out:
	for (i = 0; i < n; i++)
		pw_free(s->ctx, names[i]);
	pw_free(s->ctx, names);
	pw_free(s->ctx, dir);
	return rc;
}

/* ---- open / close ------------------------------------------------------- */

int pw_store_open(pw_store **out, pw_context *ctx, const char *uri)
{
	pw_store *s;
	int rc;

	*out = NULL;
	if (!uri || !*uri)
		uri = "pactwatch.db";
	s = pw_calloc(ctx, 1, sizeof(*s));
	if (!s)
		return pw_error_set(ctx, PW_ENOMEM, "out of memory");
	s->ctx = ctx;
	if (!strncmp(uri, "postgresql://", 13) || !strncmp(uri, "postgres://", 11))
		rc = pw_postgres_open(s, uri);
	else
		rc = pw_sqlite_open(s, uri);
	if (!rc)
		rc = migrate(s);
	if (rc) {
		pw_store_close(s);
		return rc;
	}
	*out = s;
	return 0;
}

void pw_store_close(pw_store *s)
{
	if (!s)
		return;
	if (s->in_batch)
		s->ops->rollback(s);
	if (s->rules && s->rules_free)
		s->rules_free(s->ctx, s->rules);
	if (s->ops)
		s->ops->close(s);
	pw_free(s->ctx, s);
}

const char *pw_store_backend(const pw_store *s)
{
	return s->ops->name;
}

pw_context *pw_store_context(const pw_store *s)
{
	return s->ctx;
}

int pw_store_schema_version(const pw_store *s)
{
	return s->schema_version;
}

int pw_store_begin(pw_store *s)
{
	int rc;

	if (s->in_batch)
		return pw_error_set(s->ctx, PW_EINVAL, "store: a batch is already open");
	rc = s->ops->begin(s);
	if (!rc)
		s->in_batch = 1;
	return rc;
}

int pw_store_commit(pw_store *s)
{
	if (!s->in_batch)
		return pw_error_set(s->ctx, PW_EINVAL, "store: no open batch");
	s->in_batch = 0;
	return s->ops->commit(s);
}

int pw_store_rollback(pw_store *s)
{
	if (!s->in_batch)
		return 0;
	s->in_batch = 0;
	return s->ops->rollback(s);
}

int pw_store_read_begin(pw_store *s)
{
	const char *sql = strcmp(s->ops->name, "sqlite") ? "BEGIN ISOLATION LEVEL REPEATABLE READ"
							  : "BEGIN";

	if (s->in_batch)
		return 0;
	/* deferred BEGIN in SQLite takes no write lock: readers never block an
	 * ingest, and a failure here only costs the snapshot */
	return s->ops->exec(s, sql, NULL) == 0;
}

int pw_store_data_version(pw_store *s, uint64_t *out)
{
	*out = 0;
	if (!s->ops->data_version)
		return PW_EUNSUPPORTED;
	return s->ops->data_version(s, out);
}

void pw_store_read_end(pw_store *s, int opened)
{
	if (opened)
		s->ops->exec(s, "COMMIT", NULL);
}

/* ---- documents ----------------------------------------------------------- */

static uint64_t hash_field(uint64_t h, const char *v)
{
	/* The field separator takes part so ("ab", "") and ("a", "b") differ. */
	if (v)
		h = pw_hash64(v, strlen(v), h);
	return pw_hash64("\x1f", 1, h);
}

uint64_t pw_store_doc_hash(const pw_doc *doc)
{
	uint64_t h = 0x5057u;

	h = doc->text ? pw_hash64(doc->text, doc->text_len, h) : h;
	h = hash_field(h, doc->date);
	h = hash_field(h, doc->title);
	h = hash_field(h, doc->url);
	h = hash_field(h, doc->source);
	h = hash_field(h, doc->lang_given ? doc->lang : NULL);
	return h;
}

/* ---- writes: UTF-8 only ---------------------------------------------------- */

/* Length of the valid UTF-8 sequence at p (1-4), or 0 if invalid:
 * overlong forms, surrogates and code points past U+10FFFF included, as
 * PostgreSQL rejects them. */
static size_t utf8_seq(const unsigned char *p)
{
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		return (p[1] & 0xC0) == 0x80 ? 2 : 0;
	if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return 0;
		if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0))
			return 0;
		return 3;
	}
	if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
			return 0;
		if ((p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

/* A copy of v with every invalid byte replaced by U+FFFD, or NULL when v
 * is valid (the common case: no copy). */
static char *utf8_repair(pw_context *ctx, const char *v)
{
	const unsigned char *p = (const unsigned char *)v;
	pw_buf b;

	while (*p) {
		size_t n = utf8_seq(p);
		if (!n)
			break;
		p += n;
	}
	if (!*p)
		return NULL;
	pw_buf_init(&b, ctx);
	pw_buf_append(&b, v, (size_t)((const char *)p - v));
	while (*p) {
		size_t n = utf8_seq(p);
		if (n) {
			pw_buf_append(&b, p, n);
			p += n;
		} else {
			pw_buf_puts(&b, "\xEF\xBF\xBD");
			p++;
		}
	}
	return pw_buf_detach(&b, NULL);
}

/* Every write goes through here: metadata (titles, urls, ids) can carry
 * invalid UTF-8 that the reader only reported; PostgreSQL refuses such text
 * and aborts the batch, and SQLite would hand it back to every export. */
static int put_query(pw_store *s, const char *sql, int np, const char *const *params)
{
	const char *p[32];
	char *fixed[32];
	int i, nf = 0, rc;

	if (np > 32)
		return pw_error_set(s->ctx, PW_EINTERNAL, "put_query: too many parameters");
	for (i = 0; i < np; i++) {
		char *f = params[i] ? utf8_repair(s->ctx, params[i]) : NULL;
		p[i] = f ? f : params[i];
		if (f)
			fixed[nf++] = f;
	}
	rc = s->ops->query(s, sql, np, p, NULL, NULL);
	while (nf)
		pw_free(s->ctx, fixed[--nf]);
	return rc;
}

int pw_store_has_doc_hash(pw_store *s, const char *id, uint64_t hash)
{
	char hex[17], *got = NULL;
	const char *p[1] = {id};
	int rc;

	char *fixed = utf8_repair(s->ctx, id);

	if (fixed)
		p[0] = fixed;
	snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)hash);
	rc = pw_store_query_str(s, &got, "SELECT hash FROM documents WHERE id = ?", 1, p);
	pw_free(s->ctx, fixed);
	if (rc)
		return rc;
	rc = got && !strcmp(got, hex);
	pw_free(s->ctx, got);
	return rc;
}

static int is_country(const char *c)
{
	return c && strlen(c) == 3 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' &&
	       c[2] >= 'A' && c[2] <= 'Z' && strcmp(c, "IGO") && strcmp(c, "IMG") && strcmp(c, "NGO");
}

static const char *SQL_INS_SENT =
	"INSERT INTO sentences (doc, idx, start_off, end_off, text) VALUES (?, ?, ?, ?, ?) "
	"ON CONFLICT DO NOTHING";
static const char *SQL_INS_EVENT =
	"INSERT INTO events (doc, id, sentence, date, date_source, actor_code, actor_country, "
	"actor_sector, actor_text, actor_start, actor_end, recipient_code, recipient_country, "
	"recipient_sector, recipient_text, recipient_start, recipient_end, event, mode, context, "
	"security, modality, cameo, quad, score, trigger_text, text, pattern, pa, pb) VALUES "
	"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	"ON CONFLICT DO NOTHING";

static int put_sentences(pw_store *s, const pw_doc *doc, const pw_event *ev, size_t nev)
{
	char idx[24], st[16], en[16];
	const char *p[5] = {doc->id, idx, st, en, NULL};
	size_t i;
	int rc = 0;
	pw_buf text;

	pw_buf_init(&text, s->ctx);
	if (doc->nsent && doc->text) {
		for (i = 0; !rc && i < doc->nsent; i++) {
			const pw_sentence *se = &doc->sents[i];
			snprintf(idx, sizeof(idx), "%zu", i);
			snprintf(st, sizeof(st), "%u", se->start);
			snprintf(en, sizeof(en), "%u", se->end);
			pw_buf_reset(&text);
			if (se->end <= doc->text_len && se->start <= se->end)
				pw_buf_append(&text, doc->text + se->start, se->end - se->start);
			p[4] = pw_buf_cstr(&text);
			rc = put_query(s, SQL_INS_SENT, 5, p);
		}
	} else {
		/* Events loaded without their document (ingest --events) carry
		 * their sentence text: keep it so evidence still reads. */
		p[2] = p[3] = NULL;
		for (i = 0; !rc && i < nev; i++) {
			if (!ev[i].text)
				continue;
			snprintf(idx, sizeof(idx), "%u", ev[i].sentence);
			p[4] = ev[i].text;
			rc = put_query(s, SQL_INS_SENT, 5, p);
		}
	}
	pw_buf_free(&text);
	return rc;
}

static int put_event(pw_store *s, const pw_doc *doc, const pw_event *e)
{
	char sent[16], as[16], ae[16], rs[16], re[16], quad[8], score[32];
	char ctxs[128];
	const char *pa = NULL, *pb = NULL;
	const char *p[30];
	size_t i, l = 0;
	int hr = e->has_recipient;

	snprintf(sent, sizeof(sent), "%u", e->sentence);
	snprintf(as, sizeof(as), "%u", e->actor.start);
	snprintf(ae, sizeof(ae), "%u", e->actor.end);
	snprintf(rs, sizeof(rs), "%u", e->recipient.start);
	snprintf(re, sizeof(re), "%u", e->recipient.end);
	snprintf(quad, sizeof(quad), "%d", e->quad);
	snprintf(score, sizeof(score), "%.17g", e->score);
	ctxs[0] = 0;
	for (i = 0; i < PW_ARRAY_LEN(e->contexts) && e->contexts[i]; i++)
		l += (size_t)snprintf(ctxs + l, l < sizeof(ctxs) ? sizeof(ctxs) - l : 0, "%s%s",
				      i ? ";" : "", e->contexts[i]);
	if (hr && is_country(e->actor.country) && is_country(e->recipient.country) &&
	    strcmp(e->actor.country, e->recipient.country)) {
		int c = strcmp(e->actor.country, e->recipient.country);
		pa = c < 0 ? e->actor.country : e->recipient.country;
		pb = c < 0 ? e->recipient.country : e->actor.country;
	}
	p[0] = doc->id;
	p[1] = e->id;
	p[2] = sent;
	p[3] = e->date[0] ? e->date : NULL;
	p[4] = e->date_source;
	p[5] = e->actor.code;
	p[6] = e->actor.country;
	p[7] = e->actor.sector;
	p[8] = e->actor.text;
	p[9] = as;
	p[10] = ae;
	p[11] = hr ? e->recipient.code : NULL;
	p[12] = hr ? e->recipient.country : NULL;
	p[13] = hr ? e->recipient.sector : NULL;
	p[14] = hr ? e->recipient.text : NULL;
	p[15] = hr ? rs : NULL;
	p[16] = hr ? re : NULL;
	p[17] = e->event ? e->event : "";
	p[18] = e->mode;
	p[19] = ctxs;
	p[20] = e->security;
	p[21] = e->modality;
	p[22] = e->cameo;
	p[23] = quad;
	p[24] = score;
	p[25] = e->trigger;
	p[26] = e->text;
	p[27] = e->pattern;
	p[28] = pa;
	p[29] = pb;
	return put_query(s, SQL_INS_EVENT, 30, p);
}

static int put_doc_rows(pw_put_result *res, pw_store *s, const pw_doc *doc, const char *hex,
			const pw_event *ev, size_t nev)
{
	const char *idp[1] = {doc->id};
	const char *p[8];
	char *old = NULL;
	size_t i;
	int rc;

	rc = pw_store_query_str(s, &old, "SELECT hash FROM documents WHERE id = ?", 1, idp);
	if (rc)
		return rc;
	if (old && !strcmp(old, hex)) {
		pw_free(s->ctx, old);
		*res = PW_PUT_UNCHANGED;
		return 0;
	}
	p[0] = hex;
	p[1] = doc->date;
	p[2] = doc->title;
	p[3] = doc->source;
	p[4] = doc->url;
	p[5] = doc->lang;
	p[6] = doc->text;
	p[7] = doc->id;
	if (old) {
		*res = PW_PUT_REPLACED;
		pw_free(s->ctx, old);
		rc = s->ops->query(s, "DELETE FROM events WHERE doc = ?", 1, idp, NULL, NULL);
		if (!rc)
			rc = s->ops->query(s, "DELETE FROM sentences WHERE doc = ?", 1, idp, NULL, NULL);
		if (!rc)
			rc = put_query(s, "UPDATE documents SET hash = ?, date = ?, title = ?, "
					  "source = ?, url = ?, lang = ?, text = ? WHERE id = ?", 8, p);
	} else {
		*res = PW_PUT_NEW;
		rc = put_query(s, "INSERT INTO documents (hash, date, title, source, url, lang, "
				  "text, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", 8, p);
	}
	if (!rc)
		rc = put_sentences(s, doc, ev, nev);
	for (i = 0; !rc && i < nev; i++)
		rc = put_event(s, doc, &ev[i]);
	return rc;
}

int pw_store_put_doc(pw_put_result *res, pw_store *s, const pw_doc *doc, uint64_t hash,
		     const pw_event *events, size_t nevents)
{
	char hex[17], *fixed_id;
	int own = !s->in_batch, rc;
	pw_put_result r = PW_PUT_UNCHANGED;
	pw_doc copy;

	if (!doc || !doc->id || !*doc->id)
		return pw_error_set(s->ctx, PW_EINVAL, "store: document without id");
	snprintf(hex, sizeof(hex), "%016llx",
		 (unsigned long long)(hash ? hash : pw_store_doc_hash(doc)));
	/* an id with invalid UTF-8 is stored repaired, consistently in every
	 * table (PostgreSQL would refuse even to look it up) */
	fixed_id = utf8_repair(s->ctx, doc->id);
	if (fixed_id) {
		copy = *doc;
		copy.id = fixed_id;
		doc = &copy;
	}
	if (own && (rc = s->ops->begin(s))) {
		pw_free(s->ctx, fixed_id);
		return rc;
	}
	rc = put_doc_rows(&r, s, doc, hex, events, nevents);
	/* in a batch, a deferred write's error must still name this document */
	if (!rc && !own && s->ops->flush)
		rc = s->ops->flush(s);
	if (own) {
		if (rc)
			s->ops->rollback(s);
		else
			rc = s->ops->commit(s);
	}
	if (rc) {
		/* the message is formatted into the buffer it quotes: copy first */
		char why[1024];

		snprintf(why, sizeof(why), "%s", pw_error_last(s->ctx));
		rc = pw_error_set(s->ctx, rc, "document %s: %s", doc->id, why);
	}
	else if (res)
		*res = r;
	pw_free(s->ctx, fixed_id);
	return rc;
}

int pw_store_delete_doc(pw_store *s, const char *id)
{
	const char *p[1] = {id};
	char *old = NULL;
	int own = !s->in_batch, rc;

	if (own && (rc = s->ops->begin(s)))
		return rc;
	rc = pw_store_query_str(s, &old, "SELECT hash FROM documents WHERE id = ?", 1, p);
	if (!rc && !old)
		rc = pw_error_set(s->ctx, PW_ENOTFOUND, "no document %s", id);
	pw_free(s->ctx, old);
	if (!rc)
		rc = s->ops->query(s, "DELETE FROM events WHERE doc = ?", 1, p, NULL, NULL);
	if (!rc)
		rc = s->ops->query(s, "DELETE FROM sentences WHERE doc = ?", 1, p, NULL, NULL);
	if (!rc)
		rc = s->ops->query(s, "DELETE FROM documents WHERE id = ?", 1, p, NULL, NULL);
	if (own) {
		if (rc)
			s->ops->rollback(s);
		else
			rc = s->ops->commit(s);
	}
	return rc;
}

/* ---- statistics ---------------------------------------------------------- */

static int count_of(pw_store *s, const char *sql, uint64_t *out)
{
	char *v = NULL;
	int rc = pw_store_query_str(s, &v, sql, 0, NULL);

	*out = v ? strtoull(v, NULL, 10) : 0;
	pw_free(s->ctx, v);
	return rc;
}

int pw_store_stats_get(pw_store_stats *out, pw_store *s)
{
	char *v = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = count_of(s, "SELECT COUNT(*) FROM documents", &out->documents);
	if (!rc)
		rc = count_of(s, "SELECT COUNT(*) FROM sentences", &out->sentences);
	if (!rc)
		rc = count_of(s, "SELECT COUNT(*) FROM events", &out->events);
	if (!rc)
		rc = count_of(s, "SELECT COUNT(*) FROM events WHERE security IS NOT NULL",
			      &out->security_events);
	if (!rc)
		rc = count_of(s, "SELECT COUNT(*) FROM (SELECT DISTINCT pa, pb FROM events "
				 "WHERE pa IS NOT NULL AND security IS NOT NULL) t", &out->pairs);
	if (!rc && !(rc = pw_store_query_str(s, &v, "SELECT MIN(date) FROM events", 0, NULL)) && v)
		snprintf(out->first_date, sizeof(out->first_date), "%.10s", v);
	pw_free(s->ctx, v);
	v = NULL;
	if (!rc && !(rc = pw_store_query_str(s, &v, "SELECT MAX(date) FROM events", 0, NULL)) && v)
		snprintf(out->last_date, sizeof(out->last_date), "%.10s", v);
	pw_free(s->ctx, v);
	return rc;
}

/* ---- canonical dump ------------------------------------------------------ */

struct dump_ctx {
	FILE *f;
	char tag;
	int err;
};

static int dump_row(void *ud, int ncol, const char *const *vals)
{
	struct dump_ctx *d = ud;
	int i;

	fputc(d->tag, d->f);
	for (i = 0; i < ncol; i++) {
		const char *v = vals[i];
		fputc('\t', d->f);
		if (!v) {
			fputs("\\N", d->f);
			continue;
		}
		for (; *v; v++) {
			if (*v == '\t')
				fputs("\\t", d->f);
			else if (*v == '\n')
				fputs("\\n", d->f);
			else if (*v == '\\')
				fputs("\\\\", d->f);
			else
				fputc(*v, d->f);
		}
	}
	if (fputc('\n', d->f) == EOF)
		d->err = 1;
	return 0;
}

int pw_store_dump(FILE *f, pw_store *s)
{
	struct dump_ctx d = {f, 'D', 0};
	int rc;

	rc = s->ops->query(s, "SELECT id, hash, date, title, source, url, lang, text FROM documents "
			      "ORDER BY id", 0, NULL, dump_row, &d);
	d.tag = 'S';
	if (!rc)
		rc = s->ops->query(s, "SELECT doc, idx, start_off, end_off, text FROM sentences "
				      "ORDER BY doc, idx", 0, NULL, dump_row, &d);
	d.tag = 'E';
	if (!rc)
		rc = s->ops->query(s, "SELECT doc, id, sentence, date, date_source, actor_code, "
				      "actor_country, actor_sector, actor_text, actor_start, actor_end, "
				      "recipient_code, recipient_country, recipient_sector, recipient_text, "
				      "recipient_start, recipient_end, event, mode, context, security, "
				      "modality, cameo, quad, score, trigger_text, text, pattern, pa, pb "
				      "FROM events ORDER BY doc, id", 0, NULL, dump_row, &d);
	if (!rc && (d.err || fflush(f)))
		rc = pw_error_set(s->ctx, PW_EIO, "dump: write failed: %s", strerror(errno));
	return rc;
}
