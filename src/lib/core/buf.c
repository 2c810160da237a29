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

int pw_buf_reserve(pw_buf *b, size_t extra)
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

int pw_buf_append(pw_buf *b, const void *p, size_t n)
{
	if (pw_buf_reserve(b, n))
		return PW_ENOMEM;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	return 0;
}

int pw_buf_puts(pw_buf *b, const char *s)
{
	return pw_buf_append(b, s, strlen(s));
}

int pw_buf_putc(pw_buf *b, char c)
{
	if (pw_buf_reserve(b, 1))
		return PW_ENOMEM;
	b->data[b->len++] = c;
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
	char tmp[24];
	size_t n = sizeof(tmp);

	do {
		tmp[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return pw_buf_append(b, tmp + n, sizeof(tmp) - n);
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

int pw_buf_json_str(pw_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;

	if (pw_buf_reserve(b, n + 2))
		return PW_ENOMEM;
	b->data[b->len++] = '"';
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[7];
		size_t elen = 2;

		if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
			continue;
		/* flush the plain run before this character */
		if (pw_buf_append(b, s + run, i - run))
			return PW_ENOMEM;
		run = i + 1;
		esc[0] = '\\';
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
			esc[4] = hex[c >> 4]; esc[5] = hex[c & 15];
			elen = 6;
		}
		if (pw_buf_append(b, esc, elen))
			return PW_ENOMEM;
	}
	if (pw_buf_append(b, s + run, n - run))
		return PW_ENOMEM;
	return pw_buf_putc(b, '"');
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
