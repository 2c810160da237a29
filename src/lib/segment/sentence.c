/*
 * Sentence segmentation of normalized text (one block per line, see
 * normalize.c). Each line is first classified: a table row ("Aspect |
 * Details |", "|---|") or a heading (short, no final punctuation, followed
 * by another line) is one unit on its own and never merged with prose; a
 * bullet ("- ", "* ", "• ", "1. ") has its marker left out of the span.
 * Prose lines are split at . ! ? except where the period belongs to an
 * abbreviation (data/segment/abbreviations.txt), an initial ("J. R.
 * Smith", "M. Macron") or a number, and also where scraped text glued two
 * sentences together without a space ("the Sahel region.as the West
 * African nation").
 */
#include "segment.h"
#include "tokens.h"

/* Sentences longer than this are cut at a space: they are table debris or
 * run-on lists, and the later stages work per sentence. */
#define SENT_MAX_BYTES 4000
#define HEADING_MAX_BYTES 200

typedef struct splitter {
	pw_context *ctx;
	const pw_segtables *t;
	const char *s;
	pw_sentence *v;
	size_t n, cap;
	uint32_t para;
	int oom;
} splitter;

static inline int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static inline int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static inline int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static inline int is_letter(unsigned char c) { return is_lower(c) || is_upper(c) || c >= 0x80; }

/* Is the (possibly multibyte) character at p an upper-case letter? Latin-1
 * capitals (É, À, Ç) open French sentences. */
static int upper_at(const char *p, const char *end)
{
	unsigned char c = (unsigned char)p[0];

	if (c < 0x80)
		return is_upper(c);
	/* U+00C0..U+00DE except U+00D7 (×) are capitals: C3 80..C3 9E */
	return c == 0xC3 && p + 1 < end && (unsigned char)p[1] >= 0x80 &&
	       (unsigned char)p[1] <= 0x9E && (unsigned char)p[1] != 0x97;
}

static void emit(splitter *sp, size_t a, size_t b, uint32_t flags)
{
	/* trim spaces and the odd leading punctuation left from a split */
	while (a < b && (sp->s[a] == ' ' || sp->s[a] == '\n'))
		a++;
	while (b > a && (sp->s[b - 1] == ' ' || sp->s[b - 1] == '\n'))
		b--;
	if (a >= b)
		return;
	if (!(flags & PW_SENT_TABLE)) {
		/* a unit without a single letter or digit ("-", "\"/\"") is noise */
		size_t i;

		for (i = a; i < b; i++)
			if (is_letter((unsigned char)sp->s[i]) || is_digit((unsigned char)sp->s[i]))
				break;
		if (i == b)
			return;
	}
	while (b - a > SENT_MAX_BYTES) {
		size_t cut = a + SENT_MAX_BYTES;

		while (cut > a + SENT_MAX_BYTES / 2 && sp->s[cut] != ' ')
			cut--;
		if (sp->s[cut] != ' ') {
			/* no space: cut on a character boundary */
			cut = a + SENT_MAX_BYTES;
			while (cut > a && ((unsigned char)sp->s[cut] & 0xC0) == 0x80)
				cut--;
		}
		emit(sp, a, cut, flags);
		a = cut;
		while (a < b && sp->s[a] == ' ')
			a++;
	}
	if (sp->oom)
		return;
	if (sp->n == sp->cap) {
		size_t cap = sp->cap ? sp->cap * 2 : 32;
		pw_sentence *v = pw_realloc(sp->ctx, sp->v, cap * sizeof(*v));

		if (!v) {
			sp->oom = 1;
			return;
		}
		sp->v = v;
		sp->cap = cap;
	}
	if ((flags & ~PW_SENT_QUOTE) == 0 && sp->s[a] == '"')
		flags |= PW_SENT_QUOTE;
	sp->v[sp->n].start = (uint32_t)a;
	sp->v[sp->n].end = (uint32_t)b;
	sp->v[sp->n].flags = flags;
	sp->v[sp->n].paragraph = sp->para;
	sp->n++;
}

/* Look a word up in the abbreviation table (folded, final dot excluded). */
static int abbr_kind(const pw_segtables *t, const char *w, size_t n)
{
	char f[64];
	size_t fl, i;
	int ascii = 1;

	if (n == 0 || n > 20)
		return 0;
	for (i = 0; i < n; i++) {
		if ((unsigned char)w[i] >= 0x80) {
			ascii = 0;
			break;
		}
		f[i] = (char)(is_upper((unsigned char)w[i]) ? w[i] + 32 : w[i]);
	}
	if (ascii)
		fl = n;
	else if ((fl = pw_fold(f, sizeof(f), w, n)) == (size_t)-1)
		return 0;
	return pw_wordset_get(&t->abbr, f, fl);
}

/* The word ending just before position i (letters, digits, inner dots). */
static size_t word_before(const char *s, size_t from, size_t i)
{
	size_t j = i;

	while (j > from && (is_letter((unsigned char)s[j - 1]) || is_digit((unsigned char)s[j - 1]) ||
			    s[j - 1] == '.' || s[j - 1] == '-'))
		j--;
	while (j < i && (s[j] == '.' || s[j] == '-'))
		j++;
	return j;
}

static size_t word_after(const char *s, size_t i, size_t end)
{
	while (i < end && is_letter((unsigned char)s[i]))
		i++;
	return i;
}

static int only_letters(const char *s, size_t a, size_t b, int *dots)
{
	size_t i;

	*dots = 0;
	for (i = a; i < b; i++) {
		if (s[i] == '.')
			(*dots)++;
		else if (!is_letter((unsigned char)s[i]))
			return 0;
	}
	return 1;
}

/* A period at i followed by a space: does it end the sentence? k is the
 * first visible character after the space (opening quotes skipped). */
static int spaced_period_ends(splitter *sp, size_t ls, size_t i, size_t k, size_t le)
{
	const char *s = sp->s;
	unsigned char nc = (unsigned char)s[k];
	size_t w = word_before(s, ls, i);
	int dots, kind;

	if (!(is_letter(nc) || is_digit(nc) || nc == '"' || nc == '\'' || nc == '(' || nc == '['))
		return 0;   /* "etc. ," or ". -": not a sentence start */
	if (w == i)
		return 1;   /* after a quote or bracket: "... said." Then */
	if (i - w == 1 && is_letter((unsigned char)s[w]))
		return 0;   /* an initial: "J. R. Smith", "M. Macron" */
	if (is_digit((unsigned char)s[i - 1])) {
		/* "in 2023. The talks" ends; "art. 5" is handled as art */
		return !is_digit(nc);
	}
	kind = abbr_kind(sp->t, s + w, i - w);
	if (!kind) {
		/* "Lt-Col.", "Sud-Est.": the part after the last hyphen */
		size_t h = i;

		while (h > w && s[h - 1] != '-')
			h--;
		if (h > w && h < i)
			kind = abbr_kind(sp->t, s + h, i - h);
	}
	if (kind == PW_ABBR_TITLE)
		return 0;
	if (kind == PW_ABBR_PLAIN || (only_letters(s, w, i, &dots) && dots > 0)) {
		/* "U.S. officials" goes on, "the U.S. The talks" ends */
		size_t e = word_after(s, k, le);

		return e > k && abbr_kind(sp->t, s + k, e - k) == PW_ABBR_STARTER &&
		       upper_at(s + k, s + le);
	}
	/* scraped text often lower-cases sentence starts ("cooperation. these
	 * talks"): after an ordinary word, any word starts a new sentence */
	return 1;
}

/* A period at i glued to the next word ("region.as the", "insurgency.This"):
 * a boundary unless it is a domain, a file name, an abbreviation or a number. */
static int glued_period_ends(splitter *sp, size_t ls, size_t i, size_t le)
{
	const char *s = sp->s;
	size_t w = word_before(s, ls, i), e, nlen, j;
	int dots;

	if (i + 1 >= le || !is_letter((unsigned char)s[i + 1]))
		return 0;
	e = word_after(s, i + 1, le);
	nlen = e - (i + 1);
	if (nlen < 2)
		return 0;
	/* "example.com/x", "site.co.uk", "a@b.org": the next word must end cleanly */
	if (e < le && (s[e] == '.' || s[e] == '/' || s[e] == '@' || s[e] == '_' ||
		       is_digit((unsigned char)s[e])))
		return 0;
	if (abbr_kind(sp->t, s + i + 1, nlen) == PW_ABBR_TLD)
		return 0;
	if (w == i)
		/* "borders .to achieve": a period detached from its word */
		return i > ls && s[i - 1] == ' ';
	if (i - w < 3 || !only_letters(s, w, i, &dots) || dots)
		return 0;
	if (abbr_kind(sp->t, s + w, i - w))
		return 0;
	/* inside a URL or an address */
	for (j = w; j > ls && s[j - 1] != ' '; j--)
		if (s[j - 1] == '/' || s[j - 1] == '@' || s[j - 1] == ':' || s[j - 1] == '.')
			return 0;
	/* "word.Word" needs a lower-case letter before the dot (not "ABC.Def") */
	return is_lower((unsigned char)s[i - 1]) || (unsigned char)s[i - 1] >= 0x80;
}

static inline size_t next_of(const char *s, size_t i, size_t le, char c)
{
	const char *p = memchr(s + i, c, le - i);

	return p ? (size_t)(p - s) : le;
}

static void split_prose(splitter *sp, size_t ls, size_t le, uint32_t flags)
{
	const char *s = sp->s;
	size_t i = ls, start = ls, nd = 0, nb = 0, nq = 0;
	int first = 1;

	while (i < le) {
		if (first) {
			/* positions of the next '.', '!', '?' (le: none) */
			nd = next_of(s, i, le, '.');
			nb = next_of(s, i, le, '!');
			nq = next_of(s, i, le, '?');
			first = 0;
		}
		unsigned char c = (unsigned char)s[i];
		size_t j, k;
		int bang, boundary = 0;

		if (c != '.' && c != '!' && c != '?') {
			/* jump to the next candidate: three vectorized memchr
			 * scans per line instead of a test per byte */
			if (nd < i)
				nd = next_of(s, i, le, '.');
			if (nb < i)
				nb = next_of(s, i, le, '!');
			if (nq < i)
				nq = next_of(s, i, le, '?');
			i = PW_MIN(nd, PW_MIN(nb, nq));
			continue;
		}
		bang = c != '.';
		j = i + 1;
		while (j < le && (s[j] == '.' || s[j] == '!' || s[j] == '?')) {
			if (s[j] != '.')
				bang = 1;
			j++;
		}
		/* closing quotes and brackets stay with the sentence */
		while (j < le && (s[j] == '"' || s[j] == '\'' || s[j] == ')' || s[j] == ']'))
			j++;
		if (j >= le)
			break;
		if (s[j] == ' ') {
			k = j + 1;
			while (k < le && (s[k] == '"' || s[k] == '(' || s[k] == '['))
				k++;
			if (k < le) {
				if (bang)
					boundary = !is_lower((unsigned char)s[k]);
				else if (j - i > 1 && s[i + 1] == '.')
					/* an ellipsis ends a sentence before a capital */
					boundary = upper_at(s + k, s + le) || s[k] == '"';
				else
					boundary = spaced_period_ends(sp, ls, i, k, le);
			}
			if (boundary) {
				emit(sp, start, j, flags);
				start = j + 1;
			}
			i = j;
			continue;
		}
		if (c == '.' && j == i + 1 && glued_period_ends(sp, ls, i, le)) {
			emit(sp, start, i + 1, flags);
			start = i + 1;
		}
		i = j;
	}
	emit(sp, start, le, flags);
}

static int is_table_row(const char *s, size_t a, size_t b)
{
	const char *p = memchr(s + a, '|', b - a);

	if (!p)
		return 0;
	return memchr(p + 1, '|', (size_t)(s + b - p - 1)) || s[a] == '|' || s[b - 1] == '|';
}

/* Length of a bullet marker at a ("- ", "* ", "• ", "▪ ", "1. ", "2) "), or 0. */
static size_t bullet_len(const char *s, size_t a, size_t b)
{
	static const char *const marks[] = {"- ", "* ", "+ ", "\xe2\x80\xa2 ", "\xc2\xb7 ",
					    "\xe2\x96\xaa ", "\xe2\x97\x8f ", "\xe2\x96\xba ",
					    "\xe2\x9e\xa4 "};
	size_t i, n = b - a;
	unsigned char c = (unsigned char)s[a];

	/* most lines start with a letter: no mark begins with one */
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
		return 0;
	for (i = 0; i < PW_ARRAY_LEN(marks); i++) {
		size_t m = strlen(marks[i]);

		if (n > m && (unsigned char)marks[i][0] == c && !memcmp(s + a, marks[i], m))
			return m;
	}
	/* a lone marker glued to text: "-Advertisement-" is not a list item */
	if (n > 3 && is_digit((unsigned char)s[a])) {
		i = a + 1;
		if (is_digit((unsigned char)s[i]))
			i++;
		if (i + 1 < b && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ')
			return i + 2 - a;
	}
	return 0;
}

/* Does the line end like a sentence (. ! ? : ; , before closing quotes)? */
static int ends_sentence(const char *s, size_t a, size_t b)
{
	while (b > a && (s[b - 1] == '"' || s[b - 1] == '\'' || s[b - 1] == ')'))
		b--;
	return b > a && (s[b - 1] == '.' || s[b - 1] == '!' || s[b - 1] == '?' || s[b - 1] == ':' ||
			 s[b - 1] == ';' || s[b - 1] == ',');
}

/* A heading: short, no sentence-final punctuation, no sentence break
 * inside, and followed by a line that does not continue it. */
static int is_heading(const char *s, size_t a, size_t b, size_t text_end)
{
	size_t e = b, i;

	if (b >= text_end || b - a > HEADING_MAX_BYTES)
		return 0;
	if (b + 1 < text_end && is_lower((unsigned char)s[b + 1]))
		return 0;   /* a hard-wrapped line: "The move follows\nmonths of" */
	for (i = a; i + 1 < b; i++)
		if ((s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i + 1] == ' ' &&
		    i + 2 < b && upper_at(s + i + 2, s + b))
			return 0;
	while (e > a && (s[e - 1] == '"' || s[e - 1] == '\'' || s[e - 1] == ')'))
		e--;
	if (e == a)
		return 0;
	switch (s[e - 1]) {
	case '.': case '!': case '?': case ':': case ';': case ',':
		return 0;
	default:
		return 1;
	}
}

int pw_sentences_split(pw_sentence **out, size_t *n, pw_context *ctx, const pw_segtables *t,
		       const char *text, size_t len)
{
	splitter sp = {ctx, t, text, NULL, 0, 0, 0, 0};
	size_t ls = 0;

	*out = NULL;
	*n = 0;
	while (ls < len) {
		const char *nl = memchr(text + ls, '\n', len - ls);
		size_t le = nl ? (size_t)(nl - text) : len, bl;

		if (le > ls) {
			if (is_table_row(text, ls, le)) {
				emit(&sp, ls, le, PW_SENT_TABLE);
			} else if ((bl = bullet_len(text, ls, le)) != 0) {
				split_prose(&sp, ls + bl, le, PW_SENT_BULLET);
			} else if (is_heading(text, ls, le, len)) {
				emit(&sp, ls, le, PW_SENT_HEADING);
			} else {
				/* hard-wrapped prose: a line that does not end like a
				 * sentence continues when the next starts in lower case */
				while (le + 1 < len && !ends_sentence(text, ls, le) &&
				       is_lower((unsigned char)text[le + 1])) {
					nl = memchr(text + le + 1, '\n', len - le - 1);
					if (is_table_row(text, le + 1, nl ? (size_t)(nl - text) : len))
						break;
					le = nl ? (size_t)(nl - text) : len;
				}
				split_prose(&sp, ls, le, 0);
			}
			sp.para++;
		}
		ls = le + 1;
	}
	if (sp.oom) {
		pw_free(ctx, sp.v);
		return PW_ENOMEM;
	}
	*out = sp.v;
	*n = sp.n;
	return 0;
}
