/* Core: context, errors, allocator hooks (fault injection), arenas, buffers. */
#include <stdio.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>
#include "core/internal.h"

/* A failing allocator: fails the Nth allocation (counting from 1). */
struct failing {
	long countdown;
	long calls;
};

static void *f_malloc(void *ud, size_t n)
{
	struct failing *f = ud;

	f->calls++;
	if (f->countdown > 0 && --f->countdown == 0)
		return NULL;
	return malloc(n);
}

static void *f_realloc(void *ud, void *p, size_t n)
{
	struct failing *f = ud;

	f->calls++;
	if (f->countdown > 0 && --f->countdown == 0)
		return NULL;
	return realloc(p, n);
}

static void f_free(void *ud, void *p)
{
	(void)ud;
	free(p);
}

static void test_context_lifecycle(void **state)
{
	pw_context *ctx = NULL;
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;

	(void)state;
	o.data_dir = "/nonexistent-data";
	assert_int_equal(pw_context_new(&ctx, &o), 0);
	assert_string_equal(pw_context_data_dir(ctx), "/nonexistent-data");
	assert_string_equal(pw_error_last(ctx), "");
	assert_int_equal(pw_error_set(ctx, PW_EPARSE, "bad %s at line %d", "date", 7), PW_EPARSE);
	assert_string_equal(pw_error_last(ctx), "bad date at line 7");
	assert_int_equal(pw_error_code(ctx), PW_EPARSE);
	assert_string_equal(pw_error_name(PW_EPARSE), "PW_EPARSE");
	pw_context_free(ctx);
}

static void test_context_alloc_failure(void **state)
{
	struct failing f = {1, 0};
	pw_allocator a = {f_malloc, f_realloc, f_free, &f};
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;
	pw_context *ctx = (pw_context *)1;

	(void)state;
	o.allocator = &a;
	assert_int_equal(pw_context_new(&ctx, &o), PW_ENOMEM);
	assert_null(ctx);
	f.countdown = 2; /* the data dir copy fails */
	assert_int_equal(pw_context_new(&ctx, &o), PW_ENOMEM);
	assert_null(ctx);
}

static void test_buf_oom_is_sticky(void **state)
{
	struct failing f = {0, 0};
	pw_allocator a = {f_malloc, f_realloc, f_free, &f};
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;
	pw_context *ctx;
	pw_buf b;

	(void)state;
	o.allocator = &a;
	assert_int_equal(pw_context_new(&ctx, &o), 0);
	pw_buf_init(&b, ctx);
	assert_int_equal(pw_buf_puts(&b, "abc"), 0);
	f.countdown = 1;
	/* force a growth that fails */
	assert_int_equal(pw_buf_reserve(&b, 100000), PW_ENOMEM);
	assert_int_equal(pw_error_code(ctx), PW_ENOMEM);
	/* once failed, later appends fail too: no silently truncated output */
	assert_int_equal(pw_buf_puts(&b, "x"), PW_ENOMEM);
	assert_int_equal(b.len, 3);
	pw_buf_free(&b);
	pw_context_free(ctx);
}

static void test_buf_json(void **state)
{
	pw_context *ctx;
	pw_buf b;
	const char in[] = "a\"b\\c\n\x01 \xc3\xa9";

	(void)state;
	assert_int_equal(pw_context_new(&ctx, NULL), 0);
	pw_buf_init(&b, ctx);
	assert_int_equal(pw_buf_json_str(&b, in, sizeof(in) - 1), 0);
	assert_string_equal(pw_buf_cstr(&b), "\"a\\\"b\\\\c\\n\\u0001 \xc3\xa9\"");
	pw_buf_reset(&b);
	assert_int_equal(pw_buf_printf(&b, "%d-%s", 42, "x"), 0);
	assert_string_equal(pw_buf_cstr(&b), "42-x");
	pw_buf_free(&b);
	pw_context_free(ctx);
}

/* The escaper scans 8 bytes at a time: put every special byte at every
 * offset of a long string (and after UTF-8 bytes >= 0x80, which must not
 * look special) and compare with a byte-by-byte reference. */
static void ref_json(char *out, const unsigned char *s, size_t n)
{
	size_t i;

	*out++ = '"';
	for (i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (c == '"' || c == '\\') {
			*out++ = '\\';
			*out++ = (char)c;
		} else if (c == '\n') {
			*out++ = '\\';
			*out++ = 'n';
		} else if (c == '\r') {
			*out++ = '\\';
			*out++ = 'r';
		} else if (c == '\t') {
			*out++ = '\\';
			*out++ = 't';
		} else if (c < 0x20 || c == 0x7f) {
			out += sprintf(out, "\\u%04x", c);
		} else {
			*out++ = (char)c;
		}
	}
	*out++ = '"';
	*out = 0;
}

static void test_buf_json_every_offset(void **state)
{
	static const unsigned char special[] = {'"', '\\', '\n', '\r', '\t', 0x01, 0x1f, 0x7f, 0x20, 0x80, 0xc3, 0xff, 0x5b, 0x5d};
	pw_context *ctx;
	pw_buf b;
	unsigned char in[80];  /* past the 64 bytes of pw_buf_json_cstr's fast path */
	char want[80 * 6 + 3], cs[81];
	size_t sp, off, len;

	(void)state;
	assert_int_equal(pw_context_new(&ctx, NULL), 0);
	pw_buf_init(&b, ctx);
	for (sp = 0; sp < sizeof(special); sp++)
		for (len = 1; len <= sizeof(in); len += 3)
			for (off = 0; off < len; off++) {
				memset(in, 'a' + (int)(off % 26), sizeof(in));
				in[off] = special[sp];
				if (off + 1 < len)
					in[off + 1] = 0xa9; /* a UTF-8 continuation byte next to it */
				ref_json(want, in, len);
				pw_buf_reset(&b);
				assert_int_equal(pw_buf_json_str(&b, (const char *)in, len), 0);
				assert_string_equal(pw_buf_cstr(&b), want);
				/* the NUL-terminated twin, after some output */
				memcpy(cs, in, len);
				cs[len] = 0;
				pw_buf_reset(&b);
				pw_buf_putc(&b, 'x');
				assert_int_equal(pw_buf_json_cstr(&b, cs), 0);
				assert_int_equal(b.len, 1 + strlen(want));
				assert_string_equal(pw_buf_cstr(&b) + 1, want);
			}
	pw_buf_reset(&b);
	assert_int_equal(pw_buf_json_cstr(&b, ""), 0);
	assert_string_equal(pw_buf_cstr(&b), "\"\"");
	pw_buf_free(&b);
	pw_context_free(ctx);
}

static void test_buf_numbers(void **state)
{
	pw_context *ctx;
	pw_buf b;

	(void)state;
	assert_int_equal(pw_context_new(&ctx, NULL), 0);
	pw_buf_init(&b, ctx);
	pw_buf_put_u64(&b, 0);
	pw_buf_putc(&b, ' ');
	pw_buf_put_u64(&b, UINT64_MAX);
	pw_buf_putc(&b, ' ');
	pw_buf_put_i64(&b, INT64_MIN);
	pw_buf_putc(&b, ' ');
	pw_buf_put_fixed1(&b, 8.0);
	pw_buf_putc(&b, ' ');
	pw_buf_put_fixed1(&b, -7.5);
	pw_buf_putc(&b, ' ');
	pw_buf_put_fixed1(&b, 0.04);
	pw_buf_putc(&b, ' ');
	pw_buf_put_fixed1(&b, -0.06);
	assert_string_equal(pw_buf_cstr(&b),
			    "0 18446744073709551615 -9223372036854775808 8.0 -7.5 0.0 -0.1");
	pw_buf_free(&b);
	pw_context_free(ctx);
}

static void test_arena(void **state)
{
	pw_context *ctx;
	pw_arena a;
	char *p, *q;
	int i;

	(void)state;
	assert_int_equal(pw_context_new(&ctx, NULL), 0);
	pw_arena_init(&a, ctx, 128);
	p = pw_arena_strndup(&a, "hello", 5);
	assert_string_equal(p, "hello");
	assert_int_equal(((uintptr_t)p) % 16, 0);
	for (i = 0; i < 100; i++)
		assert_non_null(pw_arena_alloc(&a, 100));
	q = pw_arena_alloc(&a, 10000); /* larger than a block */
	assert_non_null(q);
	memset(q, 1, 10000);
	pw_arena_reset(&a);
	assert_true(a.total <= 10000 + 128);
	assert_non_null(pw_arena_alloc(&a, 64));
	pw_arena_free(&a);
	pw_context_free(ctx);
}

static int seen_diag;
static void diag_cb(void *ud, const pw_diag *d)
{
	(void)ud;
	seen_diag++;
	assert_string_equal(d->file, "f.jsonl");
	assert_int_equal(d->line, 3);
	assert_string_equal(d->doc_id, "doc1");
	assert_string_equal(d->message, "bad date '2023-13-45'");
}

static void test_diag(void **state)
{
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;
	pw_context *ctx;

	(void)state;
	o.diag = diag_cb;
	assert_int_equal(pw_context_new(&ctx, &o), 0);
	pw_diag_emit(ctx, PW_DIAG_WARNING, "f.jsonl", 3, UINT64_MAX, "doc1", "bad date '%s'", "2023-13-45");
	assert_int_equal(seen_diag, 1);
	assert_int_equal(pw_diag_count(ctx, PW_DIAG_WARNING), 1);
	assert_int_equal(pw_diag_count(ctx, PW_DIAG_ERROR), 0);
	pw_context_free(ctx);
}

static void test_hash(void **state)
{
	(void)state;
	assert_true(pw_hash64("abc", 3, 0) == pw_hash64("abc", 3, 0));
	assert_true(pw_hash64("abc", 3, 0) != pw_hash64("abd", 3, 0));
	assert_true(pw_hash64("abc", 3, 0) != pw_hash64("abc", 3, 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_context_lifecycle),
		cmocka_unit_test(test_context_alloc_failure),
		cmocka_unit_test(test_buf_oom_is_sticky),
		cmocka_unit_test(test_buf_json),
		cmocka_unit_test(test_buf_json_every_offset),
		cmocka_unit_test(test_buf_numbers),
		cmocka_unit_test(test_arena),
		cmocka_unit_test(test_diag),
		cmocka_unit_test(test_hash),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
