/* Arenas: bump allocation for per-document scratch, so the hot path does
 * no per-token malloc. A reset keeps the first block for the next document. */
#include "internal.h"

struct pw_arena_block {
	pw_arena_block *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

void pw_arena_init(pw_arena *a, pw_context *ctx, size_t block_size)
{
	a->ctx = ctx;
	a->head = NULL;
	a->block_size = block_size ? block_size : 64 * 1024;
	a->total = 0;
}

void *pw_arena_alloc(pw_arena *a, size_t n)
{
	pw_arena_block *b = a->head;
	size_t need = (n + 15) & ~(size_t)15;

	if (need < n)
		return NULL;
	if (!b || b->size - b->used < need) {
		size_t sz = need > a->block_size ? need : a->block_size;

		if (sz > SIZE_MAX - sizeof(*b))
			return NULL;
		b = pw_malloc(a->ctx, sizeof(*b) + sz);
		if (!b)
			return NULL;
		b->size = sz;
		b->used = 0;
		b->next = a->head;
		a->head = b;
		a->total += sz;
	}
	b->used += need;
	return b->data + b->used - need;
}

char *pw_arena_strndup(pw_arena *a, const char *s, size_t n)
{
	char *p = pw_arena_alloc(a, n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

void pw_arena_reset(pw_arena *a)
{
	pw_arena_block *b = a->head, *keep = NULL;

	/* Keep the oldest block (the list's tail): it has the default size. */
	while (b) {
		pw_arena_block *next = b->next;

		if (!next) {
			keep = b;
			break;
		}
		a->total -= b->size;
		pw_free(a->ctx, b);
		b = next;
	}
	if (keep)
		keep->used = 0;
	a->head = keep;
}

void pw_arena_free(pw_arena *a)
{
	pw_arena_block *b = a->head;

	while (b) {
		pw_arena_block *next = b->next;

		pw_free(a->ctx, b);
		b = next;
	}
	a->head = NULL;
	a->total = 0;
}
