/* The context: allocator, diagnostics, error slot, lazily loaded modules. */
#include "internal.h"
#include <stdio.h>
#include <stdlib.h>

#ifndef PW_DEFAULT_DATA_DIR
#define PW_DEFAULT_DATA_DIR "data"
#endif

static void *default_malloc(void *ud, size_t n) { (void)ud; return malloc(n); }
static void *default_realloc(void *ud, void *p, size_t n) { (void)ud; return realloc(p, n); }
static void default_free(void *ud, void *p) { (void)ud; free(p); }

static void default_diag(void *ud, const pw_diag *d)
{
	static const char *const sev[] = {"note", "warning", "error"};
	(void)ud;
	fprintf(stderr, "pactwatch: %s", sev[d->severity]);
	if (d->file) {
		fprintf(stderr, ": %s", d->file);
		if (d->line)
			fprintf(stderr, ":%llu", (unsigned long long)d->line);
	}
	if (d->offset != UINT64_MAX)
		fprintf(stderr, " (byte %llu)", (unsigned long long)d->offset);
	if (d->doc_id)
		fprintf(stderr, ": doc %s", d->doc_id);
	fprintf(stderr, ": %s\n", d->message);
}

int pw_context_new(pw_context **out, const pw_context_options *opts)
{
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;
	pw_allocator a = {default_malloc, default_realloc, default_free, NULL};
	pw_context *ctx;
	const char *dir;

	*out = NULL;
	if (opts)
		o = *opts;
	if (o.allocator)
		a = *o.allocator;
	ctx = a.malloc_fn(a.ud, sizeof(*ctx));
	if (!ctx)
		return PW_ENOMEM;
	memset(ctx, 0, sizeof(*ctx));
	ctx->alloc = a;
	ctx->diag = o.diag ? o.diag : default_diag;
	ctx->diag_ud = o.diag_ud;
	dir = o.data_dir;
	if (!dir)
		dir = getenv("PACTWATCH_DATA");
	if (!dir || !*dir)
		dir = PW_DEFAULT_DATA_DIR;
	ctx->data_dir = pw_strdup(ctx, dir);
	if (!ctx->data_dir) {
		a.free_fn(a.ud, ctx);
		return PW_ENOMEM;
	}
	*out = ctx;
	return 0;
}

void pw_context_free(pw_context *ctx)
{
	if (!ctx)
		return;
	if (ctx->actors && ctx->actors_free)
		ctx->actors_free(ctx->actors);
	if (ctx->lexicon && ctx->lexicon_free)
		ctx->lexicon_free(ctx->lexicon);
	if (ctx->patterns && ctx->patterns_free)
		ctx->patterns_free(ctx->patterns);
	if (ctx->seen && ctx->seen_free)
		ctx->seen_free(ctx->seen);
	pw_free(ctx, ctx->data_dir);
	ctx->alloc.free_fn(ctx->alloc.ud, ctx);
}

int pw_context_share_tables(pw_context *child, const pw_context *parent)
{
	if (!parent->actors || !parent->patterns || child->actors || child->patterns)
		return pw_error_set(child, PW_EINVAL, "share tables: nothing loaded to share, or already loaded");
	/* no free callbacks: the parent owns them */
	child->actors = parent->actors;
	child->actors_free = NULL;
	child->patterns = parent->patterns;
	child->patterns_free = NULL;
	return 0;
}

const char *pw_context_data_dir(const pw_context *ctx)
{
	return ctx->data_dir;
}

char *pw_data_path(pw_context *ctx, const char *rel)
{
	size_t a = strlen(ctx->data_dir), b = strlen(rel);
	char *p = pw_malloc(ctx, a + b + 2);

	if (!p)
		return NULL;
	memcpy(p, ctx->data_dir, a);
	p[a] = '/';
	memcpy(p + a + 1, rel, b + 1);
	return p;
}

void pw_diag_emit(pw_context *ctx, pw_severity sev, const char *file, uint64_t line,
		  uint64_t offset, const char *doc_id, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	pw_diag d;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if ((unsigned)sev > PW_DIAG_ERROR)
		sev = PW_DIAG_ERROR;
	ctx->diag_counts[sev]++;
	d.severity = sev;
	d.file = file;
	d.line = line;
	d.offset = offset;
	d.doc_id = doc_id;
	d.message = msg;
	ctx->diag(ctx->diag_ud, &d);
}

uint64_t pw_diag_count(const pw_context *ctx, pw_severity sev)
{
	return (unsigned)sev <= PW_DIAG_ERROR ? ctx->diag_counts[sev] : 0;
}
