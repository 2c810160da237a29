/*
 * Internal definitions shared by the library's modules: the context, the
 * allocator wrappers, arenas and growable buffers. Not installed.
 */
#ifndef PW_INTERNAL_H
#define PW_INTERNAL_H

#include "pactwatch/pactwatch.h"
#include <errno.h>
#include <stdbool.h>
#include <string.h>

/* Per-module state hangs off the context; each module defines its struct. */
struct pw_actordict;
struct pw_patterns;
struct pw_lexicon;
struct pw_seen;

struct pw_context {
	pw_allocator alloc;
	pw_diag_fn diag;
	void *diag_ud;
	char *data_dir;
	int err_code;
	char err_msg[1024];
	uint64_t diag_counts[3];
	/* lazily loaded by the stages */
	struct pw_actordict *actors;
	void (*actors_free)(struct pw_actordict *);
	struct pw_patterns *patterns;
	void (*patterns_free)(struct pw_patterns *);
	struct pw_lexicon *lexicon;    /* the coder's per-word cache (mutable) */
	void (*lexicon_free)(struct pw_lexicon *);
	struct pw_seen *seen;          /* content hashes of documents already seen */
	void (*seen_free)(struct pw_seen *);
};

/* Make child use parent's loaded dictionaries and patterns (read-only
 * after loading, so threads with their own contexts can share one copy;
 * the per-context caches stay the child's own). Borrowed: child must be
 * freed before parent. Returns 0, or PW_EINVAL if parent has loaded
 * nothing or child has loaded already. */
int pw_context_share_tables(pw_context *child, const pw_context *parent);

/* ---- errors ---------------------------------------------------------- */

/* Record an error on ctx and return code, so callers can write
 * `return pw_error_set(ctx, PW_EPARSE, "...")`. */
int pw_error_set(pw_context *ctx, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void pw_error_clear(pw_context *ctx);

/* ---- allocation ------------------------------------------------------ */

void *pw_malloc(pw_context *ctx, size_t n);
void *pw_calloc(pw_context *ctx, size_t n, size_t size);
void *pw_realloc(pw_context *ctx, void *p, size_t n);
void pw_free(pw_context *ctx, void *p);
char *pw_strdup(pw_context *ctx, const char *s);
char *pw_strndup(pw_context *ctx, const char *s, size_t n);

/* ---- arena: per-document scratch, reset after each document ----------- */

typedef struct pw_arena_block pw_arena_block;
typedef struct pw_arena {
	pw_context *ctx;
	pw_arena_block *head;
	size_t block_size;
	size_t total;      /* bytes currently allocated in blocks */
} pw_arena;

void pw_arena_init(pw_arena *a, pw_context *ctx, size_t block_size);
/* NULL on allocation failure (error set on ctx). Memory is 16-byte aligned. */
void *pw_arena_alloc(pw_arena *a, size_t n);
char *pw_arena_strndup(pw_arena *a, const char *s, size_t n);
/* Forget all allocations but keep the first block for reuse. */
void pw_arena_reset(pw_arena *a);
void pw_arena_free(pw_arena *a);

/* ---- growable byte buffer -------------------------------------------- */

typedef struct pw_buf {
	pw_context *ctx;
	char *data;
	size_t len, cap;
	int oom;   /* sticky: an append failed; the content is incomplete */
} pw_buf;

void pw_buf_init(pw_buf *b, pw_context *ctx);
/* Grow for extra more bytes (and a NUL): the slow path of pw_buf_reserve. */
int pw_buf_grow(pw_buf *b, size_t extra);

/* The appends are inline: the writers call them for every field of every
 * event, and the common case is one compare and a copy. */
static inline int pw_buf_reserve(pw_buf *b, size_t extra)
{
	if (!b->oom && b->data && extra + 1 <= b->cap - b->len)
		return 0;
	return pw_buf_grow(b, extra);
}

static inline int pw_buf_append(pw_buf *b, const void *p, size_t n)
{
	if (pw_buf_reserve(b, n))
		return PW_ENOMEM;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	return 0;
}

static inline int pw_buf_puts(pw_buf *b, const char *s)
{
	return pw_buf_append(b, s, strlen(s));
}

static inline int pw_buf_putc(pw_buf *b, char c)
{
	if (pw_buf_reserve(b, 1))
		return PW_ENOMEM;
	b->data[b->len++] = c;
	return 0;
}
int pw_buf_printf(pw_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append a decimal integer (no printf: this is on the output hot path). */
int pw_buf_put_u64(pw_buf *b, uint64_t v);
/* The decimal digits of v written backwards so that they end just before
 * end (no NUL); returns where they start. Room for PW_U64_DIGITS. */
#define PW_U64_DIGITS 20
static inline char *pw_u64_digits(char *end, uint64_t v)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return end;
}
int pw_buf_put_i64(pw_buf *b, int64_t v);
/* Append v with one decimal ("8.0", "-7.5"), rounded half away from zero. */
int pw_buf_put_fixed1(pw_buf *b, double v);
/* Append s as a JSON string literal (quotes and escapes included). */
int pw_buf_json_str(pw_buf *b, const char *s, size_t n);
/* The same for a NUL-terminated s; fast for short strings. */
int pw_buf_json_cstr(pw_buf *b, const char *s);

/* Copy src into dst[cap] (cap > 0), truncated and NUL-terminated: what
 * snprintf(dst, cap, "%s", src) does, at a tenth of the cost (the coder
 * fills fixed-size code fields for every event). Returns strlen(src). */
size_t pw_strlcpy(char *dst, const char *src, size_t cap);
/* Append src to the string in dst[cap], truncated the same way. */
size_t pw_strlcat(char *dst, const char *src, size_t cap);
/* Ensure data is NUL-terminated (not counted in len). */
const char *pw_buf_cstr(pw_buf *b);
void pw_buf_reset(pw_buf *b);
/* Hand the data over to the caller (free with pw_free) and reset b. */
char *pw_buf_detach(pw_buf *b, size_t *len);
void pw_buf_free(pw_buf *b);

/* ---- misc ------------------------------------------------------------- */

uint64_t pw_hash64(const void *data, size_t len, uint64_t seed);
/* errno after a failed write, EIO when the call did not set it (stdio may
 * fail on an earlier error without a new one): for the message's cause. */
static inline int pw_io_errno(void)
{
	return errno ? errno : EIO;
}

/* Hash of a folded word (tokens carry it: pw_token.h); never 0. */
uint64_t pw_word_hash(const char *s, size_t n);

/* pw_word_hash() in steps, for the tokenizer, which hashes a word while it
 * folds it (one pass over the bytes): start with the length, feed each full
 * 8-byte word (native byte order, as memcpy loads it), then the last 1-7
 * bytes zero-padded, then finish. */
static inline uint64_t pw_word_hash_start(size_t n)
{
	return 0x9e3779b97f4a7c15ULL ^ n;
}

static inline uint64_t pw_word_hash_step(uint64_t h, uint64_t w)
{
	return (h ^ w) * 0xff51afd7ed558ccdULL;
}

static inline uint64_t pw_word_hash_tail(uint64_t h, uint64_t w)
{
	return (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
}

static inline uint64_t pw_word_hash_end(uint64_t h)
{
	h ^= h >> 32;
	h *= 0xd6e8feb86659fd93ULL;
	h ^= h >> 32;
	return h ? h : 1;
}

/* Path of a data file: <data_dir>/<rel>. Returns a new string (pw_free). */
char *pw_data_path(pw_context *ctx, const char *rel);

#define PW_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define PW_MIN(a, b) ((a) < (b) ? (a) : (b))
#define PW_MAX(a, b) ((a) > (b) ? (a) : (b))

#endif
