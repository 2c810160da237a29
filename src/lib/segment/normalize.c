/*
 * Text normalization: UTF-8 validation and repair, typographic folding
 * (curly quotes, dashes, exotic spaces, ellipsis, invisible characters),
 * whitespace collapsing, then Unicode NFC when the text has characters NFC
 * could change. One pass over the bytes with an ASCII fast path, because
 * this runs on every byte of every document (the ingest target is
 * 200 MB/s); utf8proc only sees documents that need composition.
 *
 * Result shape, which the sentence splitter relies on: lines separated by a
 * single '\n' (blank lines dropped: every line is a block), no space at the
 * start or end of a line, single spaces inside lines.
 */
#include "segment.h"
#include "swar.h"
#include <utf8proc.h>
#include <stdlib.h>

/* Decode one UTF-8 sequence strictly (no overlongs, surrogates or values
 * above U+10FFFF). Returns its length, or 0 if invalid. */
size_t pw_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned char c = p[0];

	if (c < 0xC2)
		return 0;
	if (c < 0xE0) {
		if (n < 2 || (p[1] & 0xC0) != 0x80)
			return 0;
		*cp = ((uint32_t)(c & 0x1F) << 6) | (p[1] & 0x3F);
		return 2;
	}
	if (c < 0xF0) {
		if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0))
			return 0;
		*cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
		return 3;
	}
	if (c < 0xF5) {
		if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90))
			return 0;
		*cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
		      ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
		return 4;
	}
	return 0;
}

/* Output writer that collapses whitespace as it goes: a pending space or
 * newline is written only before the next visible character. */
typedef struct out {
	char *p;
	size_t n;
	int pend;       /* 0 none, 1 space, 2 newline */
	int glue;       /* drop the next pending space (after an opening «) */
} out;

static inline void put_pending(out *o)
{
	if (o->pend && o->n) {
		if (o->pend == 2)
			o->p[o->n++] = '\n';
		else if (!o->glue)
			o->p[o->n++] = ' ';
	}
	o->pend = 0;
	o->glue = 0;
}

static inline void put_space(out *o, int kind)
{
	if (kind > o->pend)
		o->pend = kind;
}

static inline void put_byte(out *o, char c)
{
	if (o->pend || o->glue)
		put_pending(o);
	o->p[o->n++] = c;
}

/* Is NFC the identity on this code point whatever surrounds it? Latin
 * (precomposed letters included) and general punctuation are; combining
 * marks and the rest of the repertoire go through utf8proc. */
static inline int nfc_safe(uint32_t cp)
{
	return cp < 0x300 || (cp >= 0x2010 && cp <= 0x20CF);
}

int pw_normalize_text(char **outp, size_t *out_len, uint32_t *repairs, uint64_t *first_bad,
		      pw_context *ctx, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	int need_nfc = 0;
	out o = {NULL, 0, 0, 0};

	*outp = NULL;
	*out_len = 0;
	*repairs = 0;
	*first_bad = UINT64_MAX;
	/* worst case: every byte an invalid one becoming U+FFFD (3 bytes) */
	if (len > (SIZE_MAX - 1) / 3)
		return pw_error_set(ctx, PW_ENOMEM, "document too large");
	o.p = pw_malloc(ctx, len * 3 + 1);
	if (!o.p)
		return PW_ENOMEM;
	while (i < len) {
		unsigned char c;
		uint32_t cp;
		size_t k;

		/* 8 bytes at a time while they are printable ASCII with single
		 * inner spaces and nothing is pending: the bulk of news text */
		/* (byte positions below assume little-endian words) */
		if (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && !o.pend && !o.glue && o.n) {
			/* locals, not o.n: stores through char * would make the
			 * compiler reload the struct field every time */
			char *op = o.p + o.n;

			while (i + 8 <= len) {
				uint64_t w, sp, bad, keep;
				uint32_t plain;

				memcpy(&w, s + i, 8);
				/* non-ASCII, control bytes and DEL (the lowest flag
				 * is a true one) */
				bad = (w & HI) | ((w - ONES * 0x20) & ~w & HI) | haszero(w ^ (ONES * 0x7F));
				sp = haszero(w ^ (ONES * 0x20));
				if (bad) {
					/* the plain bytes before it are copied here, by
					 * the rules below, unless a space ends them:
					 * then the careful path decides */
					plain = bytes_before(bad, &keep);
					sp &= keep;
					if (plain && !(sp & (sp >> 8)) &&
					    !((sp >> (8 * (plain - 1))) & 0x80)) {
						memcpy(op, &w, 8);
						op += plain;
						i += plain;
					}
					break;
				}
				/* A space first is a single one: in this state the
				 * last byte written is white only before a visible
				 * one (the byte loop below). A space next to
				 * another, or last when the next byte is not visible
				 * ASCII (it may be a space or a newline), takes the
				 * careful path. (haszero() may also flag a '!' after a
				 * space: that looks like two spaces, careful again.) */
				if ((sp & (sp >> 8)) ||
				    ((sp >> 56) && (i + 8 >= len || s[i + 8] < 0x21 || s[i + 8] >= 0x7F)))
					break;
				memcpy(op, &w, 8);
				op += 8;
				i += 8;
			}
			o.n = (size_t)(op - o.p);
		}
		if (i >= len)
			break;
		c = s[i];
		if (c >= 0x21 && c < 0x7F) {
			/* fast path: visible ASCII with single spaces between words,
			 * which is most of every text */
			char *op;

			if (o.pend || o.glue)
				put_pending(&o);
			op = o.p + o.n;
			for (;;) {
				*op++ = (char)s[i++];
				if (i >= len)
					break;
				c = s[i];
				if (c >= 0x21 && c < 0x7F)
					continue;
				if (c == ' ' && i + 1 < len && s[i + 1] >= 0x21 && s[i + 1] < 0x7F) {
					/* a word begins: back to 8 bytes at a time */
					*op++ = ' ';
					i++;
				}
				break;
			}
			o.n = (size_t)(op - o.p);
			continue;
		}
		if (c < 0x80) {
			i++;
			if (c == ' ' || c == '\t' || c == '\v')
				put_space(&o, 1);
			else if (c == '\n' || c == '\r' || c == '\f')
				put_space(&o, 2);
			else if (c == 0) {
				/* NUL: removed and reported */
				if (!*repairs)
					*first_bad = i - 1;
				(*repairs)++;
			} else if (c != 0x7F) {
				put_space(&o, 1);   /* other C0 controls: word break */
			}
			continue;
		}
		k = pw_utf8_decode(s + i, len - i, &cp);
		if (!k) {
			if (!*repairs)
				*first_bad = i;
			(*repairs)++;
			i++;
			/* skip the continuation bytes of the broken sequence too */
			while (i < len && (s[i] & 0xC0) == 0x80)
				i++;
			put_byte(&o, (char)0xEF);
			o.p[o.n++] = (char)0xBF;
			o.p[o.n++] = (char)0xBD;
			continue;
		}
		i += k;
		switch (cp) {
		case 0x00A0: case 0x1680: case 0x2000: case 0x2001: case 0x2002: case 0x2003:
		case 0x2004: case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009:
		case 0x200A: case 0x202F: case 0x205F: case 0x3000:
			put_space(&o, 1);
			continue;
		case 0x0085: case 0x2028: case 0x2029:
			put_space(&o, 2);
			continue;
		case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
			continue;   /* invisible: would split words for matching */
		case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x2039: case 0x203A:
			put_byte(&o, '\'');
			continue;
		case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
			put_byte(&o, '"');
			continue;
		case 0x00AB:
			/* French « guillemets »: one ASCII quote, hugging the words */
			put_byte(&o, '"');
			o.glue = 1;
			o.pend = 0;
			continue;
		case 0x00BB:
			o.pend = 0;
			put_byte(&o, '"');
			continue;
		case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
		case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
			put_byte(&o, '-');
			continue;
		case 0x2026:
			put_byte(&o, '.');
			o.p[o.n++] = '.';
			o.p[o.n++] = '.';
			continue;
		default:
			break;
		}
		if (cp < 0xA0)
			continue;   /* C1 controls: mojibake residue, never text */
		if (!nfc_safe(cp))
			need_nfc = 1;
		put_byte(&o, (char)s[i - k]);
		/* 1 to 3 continuation bytes: a loop, not a memcpy call each */
		for (k--; k; k--)
			o.p[o.n++] = (char)s[i - k];
	}
	o.p[o.n] = '\0';
	if (need_nfc) {
		utf8proc_uint8_t *nfc = NULL;
		utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)o.p, (utf8proc_ssize_t)o.n,
						  &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);

		/* NFC never grows Latin text much, but it may grow some scripts */
		if (m >= 0 && (size_t)m <= len * 3) {
			memcpy(o.p, nfc, (size_t)m);
			o.n = (size_t)m;
			o.p[o.n] = '\0';
		}
		free(nfc);   /* utf8proc allocates with malloc */
	}
	{
		char *shrunk = pw_realloc(ctx, o.p, o.n + 1);

		if (shrunk)
			o.p = shrunk;
	}
	*outp = o.p;
	*out_len = o.n;
	return 0;
}

size_t pw_collapse_space(char *t, size_t len)
{
	out o = {t, 0, 0, 0};
	size_t i;

	/* writing never overtakes reading: each output byte has an input byte */
	for (i = 0; i < len; i++) {
		char c = t[i];

		if (c == ' ' || c == '\t')
			put_space(&o, 1);
		else if (c == '\n')
			put_space(&o, 2);
		else
			put_byte(&o, c);
	}
	if (o.n < len)
		t[o.n] = '\0';
	return o.n;
}
