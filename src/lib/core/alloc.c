/* Allocation through the context's hooks; every failure sets PW_ENOMEM. */
#include "internal.h"

void *pw_malloc(pw_context *ctx, size_t n)
{
	void *p = ctx->alloc.malloc_fn(ctx->alloc.ud, n ? n : 1);

	if (!p)
		pw_error_set(ctx, PW_ENOMEM, "out of memory (%zu bytes)", n);
	return p;
}

void *pw_calloc(pw_context *ctx, size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size) {
		pw_error_set(ctx, PW_ENOMEM, "allocation too large");
		return NULL;
	}
	p = pw_malloc(ctx, n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *pw_realloc(pw_context *ctx, void *p, size_t n)
{
	void *q = ctx->alloc.realloc_fn(ctx->alloc.ud, p, n ? n : 1);

	if (!q)
		pw_error_set(ctx, PW_ENOMEM, "out of memory (%zu bytes)", n);
	return q;
}

void pw_free(pw_context *ctx, void *p)
{
	if (p)
		ctx->alloc.free_fn(ctx->alloc.ud, p);
}

char *pw_strndup(pw_context *ctx, const char *s, size_t n)
{
	char *p = pw_malloc(ctx, n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *pw_strdup(pw_context *ctx, const char *s)
{
	return s ? pw_strndup(ctx, s, strlen(s)) : NULL;
}
