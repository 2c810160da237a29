/* Public entry points of the actor stage (include/pactwatch/actors.h). */
#include "actors.h"
#include <stdio.h>

const char *pw_mention_kind_name(int kind)
{
	static const char *const names[] = {"name", "adj", "metonym", "agent", "ref", "group"};

	return kind >= 0 && kind < (int)PW_ARRAY_LEN(names) ? names[kind] : "?";
}

static void stat_of(pw_dict_stat *s, const pw_dictfile *f)
{
	memset(s, 0, sizeof(*s));
	s->file = f->path;
	s->format = f->format;
	s->lines = f->lines;
	s->phrases = f->phrases;
	s->shadowed = f->shadowed;
	s->rejects = f->rejects;
	s->rej_nocode = f->rej_nocode;
	s->rej_empty = f->rej_empty;
	s->rej_badcode = f->rej_badcode;
	s->rej_baddate = f->rej_baddate;
	s->errors = f->errors;
	s->names = f->by_kind[PW_ENTRY_NAME];
	s->adjs = f->by_kind[PW_ENTRY_ADJ];
	s->metonyms = f->by_kind[PW_ENTRY_METONYM];
	s->agents = f->by_kind[PW_ENTRY_AGENT];
	s->refs = f->by_kind[PW_ENTRY_REF];
	s->groups = f->by_kind[PW_ENTRY_GROUP];
}

int pw_dict_stats(pw_context *ctx, pw_dict_stat_fn fn, void *ud)
{
	pw_actordict *d;
	size_t i;
	int rc = pw_actors_load(ctx);

	if (rc)
		return rc;
	d = ctx->actors;
	for (i = 0; i < d->n_files; i++) {
		pw_dict_stat s;

		stat_of(&s, &d->files[i]);
		fn(ud, &s);
	}
	return 0;
}

int pw_dict_check(pw_context *ctx, const char *const *files, size_t nfiles,
		  pw_dict_problem_fn fn, void *ud, size_t *nproblems)
{
	pw_actordict *d;
	size_t i;
	int rc;

	*nproblems = 0;
	if ((rc = pw_actordict_new(&d, ctx)))
		return pw_error_set(ctx, rc, "out of memory checking dictionaries");
	d->report = fn;
	d->report_ud = ud;
	if (!nfiles) {
		rc = pw_actordict_load_conf(d, "actors/dictionaries.conf");
		if (rc == PW_EIO) {
			pw_actordict_error(d, NULL, "actors/dictionaries.conf", "%s", pw_error_last(ctx));
			rc = 0;
		}
	}
	for (i = 0; i < nfiles && !rc; i++) {
		rc = pw_actordict_load_file(d, files[i], files[i], NULL);
		if (rc == PW_EIO || rc == PW_EDICT) {
			pw_actordict_error(d, NULL, files[i], "%s", pw_error_last(ctx));
			rc = 0;
		}
	}
	*nproblems = d->n_errors;
	pw_actordict_free(d);
	return rc;
}

/* One sentence as a JSON line. */
static int write_sentence(pw_buf *b, const pw_doc *doc, size_t si, const pw_mentions *ms,
			  unsigned flags)
{
	const pw_sentence *s = &doc->sents[si];
	size_t i;

	pw_buf_reset(b);
	if (!(flags & PW_ACTORS_FLAT)) {
		pw_buf_puts(b, "{\"doc\":");
		pw_buf_json_str(b, doc->id ? doc->id : "", doc->id ? strlen(doc->id) : 0);
		pw_buf_printf(b, ",\"sentence\":%zu,\"text\":", si);
		pw_buf_json_str(b, doc->text + s->start, s->end - s->start);
		pw_buf_puts(b, ",\"mentions\":[");
	}
	for (i = 0; i < ms->n; i++) {
		const pw_mention *m = &ms->v[i];

		if (flags & PW_ACTORS_FLAT) {
			pw_buf_puts(b, "{\"doc\":");
			pw_buf_json_str(b, doc->id ? doc->id : "", doc->id ? strlen(doc->id) : 0);
			pw_buf_printf(b, ",\"sentence\":%zu,\"text\":", si);
		} else {
			pw_buf_puts(b, i ? ",{\"text\":" : "{\"text\":");
		}
		pw_buf_json_str(b, doc->text + m->start, m->end - m->start);
		pw_buf_printf(b, ",\"start\":%u,\"end\":%u,\"code\":", m->start - s->start,
			      m->end - s->start);
		pw_buf_json_str(b, m->code, strlen(m->code));
		pw_buf_puts(b, ",\"country\":");
		pw_buf_json_str(b, m->country, strlen(m->country));
		pw_buf_puts(b, ",\"sector\":");
		pw_buf_json_str(b, m->sector, strlen(m->sector));
		pw_buf_printf(b, ",\"kind\":\"%s\",\"entry\":", pw_mention_kind_name(m->kind));
		pw_buf_json_str(b, m->entry ? m->entry : "", m->entry ? strlen(m->entry) : 0);
		pw_buf_puts(b, ",\"resolved_from\":");
		if (m->resolved_from) {
			pw_buf_json_str(b, m->resolved_from, strlen(m->resolved_from));
			pw_buf_printf(b, ",\"ref_sentence\":%d", m->ref_sentence);
		} else {
			pw_buf_puts(b, "null");
		}
		pw_buf_puts(b, flags & PW_ACTORS_FLAT ? "}\n" : "}");
	}
	if (!(flags & PW_ACTORS_FLAT))
		pw_buf_puts(b, "]}\n");
	return b->oom ? PW_ENOMEM : 0;
}

int pw_actors_write_doc(FILE *f, pw_context *ctx, pw_doc *doc, unsigned flags)
{
	pw_refstate *rs = NULL;
	pw_tokens toks = {0};
	pw_mentions ms = {0};
	pw_arena a;
	pw_buf b;
	size_t i;
	int rc;

	if ((rc = pw_actors_load(ctx)))
		return rc;
	if (!doc->prepared && (rc = pw_doc_prepare(ctx, doc)))
		return rc;
	if ((rc = pw_refstate_new(&rs, ctx)))
		return rc;
	pw_arena_init(&a, ctx, 64 * 1024);
	pw_buf_init(&b, ctx);
	for (i = 0; i < doc->nsent && !rc; i++) {
		const pw_sentence *s = &doc->sents[i];

		ms.n = 0;
		if ((rc = pw_tokenize(&toks, &a, doc->text, s->start, s->end)))
			break;
		if ((rc = pw_actors_match_sentence(&ms, ctx, doc, i, &toks, &a, rs)))
			break;
		if ((rc = write_sentence(&b, doc, i, &ms, flags)))
			break;
		if (fwrite(b.data, 1, b.len, f) != b.len)
			rc = pw_error_set(ctx, PW_EIO, "write error on the output (doc %s): %s", doc->id ? doc->id : "?",
					  strerror(pw_io_errno()));
	}
	if (rc == PW_ENOMEM)
		pw_error_set(ctx, rc, "out of memory (actors, doc %s)", doc->id ? doc->id : "?");
	pw_buf_free(&b);
	pw_arena_free(&a);
	pw_free(ctx, ms.v);
	pw_tokens_free(&toks, ctx);
	pw_refstate_free(rs);
	return rc;
}
