/* Growable byte buffers with a sticky out-of-memory flag. */
#include "internal.h"
#include <stdio.h>

void pw_buf_init(pw_buf *b, pw_context *ctx)
{
	b->ctx = ctx;
	b->data = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}

int pw_buf_grow(pw_buf *b, size_t extra)
{
	size_t cap;
	char *p;

	if (b->oom)
		return PW_ENOMEM;
	if (extra + 1 <= b->cap - b->len && b->data)
		return 0;
	if (extra > SIZE_MAX / 2 - b->len) {
		b->oom = 1;
		return pw_error_set(b->ctx, PW_ENOMEM, "buffer too large");
	}
	cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1)
		cap *= 2;
	p = pw_realloc(b->ctx, b->data, cap);
	if (!p) {
		b->oom = 1;
		return PW_ENOMEM;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

int pw_buf_printf(pw_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || pw_buf_reserve(b, (size_t)n + 1))
		return PW_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

int pw_buf_put_u64(pw_buf *b, uint64_t v)
{
	char tmp[PW_U64_DIGITS], *d = pw_u64_digits(tmp + sizeof(tmp), v);

	return pw_buf_append(b, d, (size_t)(tmp + sizeof(tmp) - d));
}

int pw_buf_put_i64(pw_buf *b, int64_t v)
{
	if (v < 0) {
		if (pw_buf_putc(b, '-'))
			return PW_ENOMEM;
		return pw_buf_put_u64(b, (uint64_t)0 - (uint64_t)v);
	}
	return pw_buf_put_u64(b, (uint64_t)v);
}

int pw_buf_put_fixed1(pw_buf *b, double v)
{
	double t = v * 10.0;
	int64_t tenths;

	if (!(t > -9e17 && t < 9e17)) /* NaN, inf, absurd: keep printf's answer */
		return pw_buf_printf(b, "%.1f", v);
	tenths = (int64_t)(t < 0 ? t - 0.5 : t + 0.5);
	if (tenths < 0) {
		if (pw_buf_putc(b, '-'))
			return PW_ENOMEM;
		tenths = -tenths;
	}
	if (pw_buf_put_u64(b, (uint64_t)tenths / 10) || pw_buf_putc(b, '.'))
		return PW_ENOMEM;
	return pw_buf_putc(b, (char)('0' + tenths % 10));
}

/* Bytes a JSON string must escape: control characters, '"', '\\', DEL. */
static const unsigned char json_esc[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1, [0x7f] = 1};

/* Does any of 8 bytes need escaping? (SWAR: sentences are long runs of
 * plain text, so the scan looks at a word at a time.) */
static inline int json_esc8(const char *p)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t x;

	memcpy(&x, p, 8);
#define PW_HASZERO(v) (((v) - ones) & ~(v) & high)
	return ((x - ones * 0x20) & ~x & high) ||      /* a byte < 0x20 */
	       PW_HASZERO(x ^ (ones * '"')) || PW_HASZERO(x ^ (ones * '\\')) ||
	       PW_HASZERO(x ^ (ones * 0x7f));
#undef PW_HASZERO
}

/* The escaped bytes of s, without quotes; room for n * 6 bytes reserved. */
static char *json_body(char *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run;

	while (i < n) {
		run = i;
		while (i + 8 <= n && !json_esc8(s + i))
			i += 8;
		while (i < n && !json_esc[u[i]])
			i++;
		memcpy(o, s + run, i - run);
		o += i - run;
		if (i == n)
			break;
		*o++ = '\\';
		switch (u[i]) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '\n': *o++ = 'n'; break;
		case '\r': *o++ = 'r'; break;
		case '\t': *o++ = 't'; break;
		default:
			*o++ = 'u'; *o++ = '0'; *o++ = '0';
			*o++ = hex[u[i] >> 4]; *o++ = hex[u[i] & 15];
		}
		i++;
	}
	return o;
}

/* Append s escaped and the closing quote (the opening one is written). */
static int json_rest(pw_buf *b, const char *s, size_t n)
{
	char *o;

	/* the worst case at once (every byte escaped as \u00XX), so the
	 * loop writes without checks */
	if (n > (SIZE_MAX - 3) / 6) {
		b->oom = 1;
		return pw_error_set(b->ctx, PW_ENOMEM, "string too large");
	}
	if (pw_buf_reserve(b, n * 6 + 1))
		return PW_ENOMEM;
	o = json_body(b->data + b->len, s, n);
	*o++ = '"';
	b->len = (size_t)(o - b->data);
	return 0;
}

int pw_buf_json_str(pw_buf *b, const char *s, size_t n)
{
	if (pw_buf_putc(b, '"'))
		return PW_ENOMEM;
	return json_rest(b, s, n);
}

int pw_buf_json_cstr(pw_buf *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;
	char *o;

	/* most strings of an event are short codes and names with nothing
	 * to escape: one pass that copies while it looks for the end (NUL is
	 * in json_esc), no strlen, no memcpy call */
	if (pw_buf_reserve(b, 66))
		return PW_ENOMEM;
	o = b->data + b->len;
	o[0] = '"';
	for (i = 0; i < 64 && !json_esc[u[i]]; i++)
		o[1 + i] = s[i];
	if (!u[i]) {
		o[1 + i] = '"';
		b->len += i + 2;
		return 0;
	}
	/* longer, or something to escape: the rest from where the scan
	 * stopped (the quote and the clean prefix are kept) */
	b->len += i + 1;
	return json_rest(b, s + i, strlen(s + i));
}

const char *pw_buf_cstr(pw_buf *b)
{
	if (pw_buf_reserve(b, 1))
		return NULL;
	b->data[b->len] = '\0';
	return b->data;
}

void pw_buf_reset(pw_buf *b)
{
	b->len = 0;
	b->oom = 0;
}

char *pw_buf_detach(pw_buf *b, size_t *len)
{
	char *p;

	if (!pw_buf_cstr(b))
		return NULL;
	p = b->data;
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void pw_buf_free(pw_buf *b)
{
	pw_free(b->ctx, b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

size_t pw_strlcpy(char *dst, const char *src, size_t cap)
{
	size_t n = strlen(src), k = n < cap ? n : cap - 1;

	memcpy(dst, src, k);
	dst[k] = '\0';
	return n;
}

size_t pw_strlcat(char *dst, const char *src, size_t cap)
{
	size_t used = strnlen(dst, cap);

	if (used == cap)
		return used + strlen(src);
	return used + pw_strlcpy(dst + used, src, cap - used);
}
