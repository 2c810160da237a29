/*
 * Tag debris in plain text. Scraped news often went through a broken
 * HTML-to-text step that leaves "< / li >", "td >", "th />", "< strong >>",
 * "tdstyle;textalign:'left' ... valigntop>" and stray ">" in the prose
 * (seed 003). Real text almost never has '<' or '>' next to an HTML tag
 * name, so a tag name adjacent to an angle bracket is debris. Replacement is
 * in place and keeps the length (spaces, or a newline for block tags), so
 * the caller only has to collapse whitespace again.
 */
#include "segment.h"

static inline int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

static int tag_kind(const pw_segtables *t, const char *name, size_t n)
{
	char low[17];
	size_t i;

	if (n == 0 || n > 16)
		return 0;
	for (i = 0; i < n; i++)
		low[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
	return pw_wordset_get(&t->tags, low, n);
}

static void blank(char *s, size_t from, size_t to, int block)
{
	size_t i;

	for (i = from; i < to; i++)
		if (s[i] != '\n')
			s[i] = ' ';
	if (block && from < to)
		s[from] = '\n';
}

/* "<" [spaces] ["/"] [spaces] NAME ... ">" [">"...]: returns the end, or 0. */
static size_t open_tag(const pw_segtables *t, const char *s, size_t len, size_t i, int *kind)
{
	size_t j = i + 1, name, k, lim;

	while (j < len && s[j] == ' ')
		j++;
	if (j < len && s[j] == '/')
		j++;
	while (j < len && s[j] == ' ')
		j++;
	if (j + 3 < len && !memcmp(s + j, "!--", 3)) {
		/* a comment: up to "-->" on the same line */
		for (k = j + 3; k + 2 < len && s[k] != '\n'; k++)
			if (!memcmp(s + k, "-->", 3))
				return k + 3;
		return 0;
	}
	name = j;
	while (j < len && is_alnum(s[j]))
		j++;
	if (j == name || !is_alpha(s[name]))
		return 0;
	*kind = tag_kind(t, s + name, j - name);
	/* find the closing '>' on the same line, not past another '<' */
	lim = PW_MIN(len, j + 200);
	for (k = j; k < lim && s[k] != '>' && s[k] != '<' && s[k] != '\n'; k++)
		;
	if (k < lim && s[k] == '>') {
		if (!*kind) {
			/* an unknown name counts only when it looks like a tag:
			 * "< strng "/>" but not "a < b and c > d" */
			size_t m = j;

			while (m < k && s[m] == ' ')
				m++;
			if (m != k && s[m] != '/' && s[m] != '"' && s[m] != '\'')
				return 0;
			*kind = PW_TAG_INLINE;
		}
		k++;
		while (k < len && s[k] == '>')
			k++;
		return k;
	}
	if (*kind) {
		/* "<li" with no '>' left: drop the bracket and the name */
		return j;
	}
	return 0;
}

/* NAME [spaces] ["/"] [spaces] ">" ending at i (s[i] == '>'): returns the
 * start of the debris, or SIZE_MAX. */
static size_t close_tag(const pw_segtables *t, const char *s, size_t i, size_t floor, int *kind)
{
	size_t j = i, end_name, ls, k;

	while (j > floor && s[j - 1] == ' ')
		j--;
	if (j > floor && s[j - 1] == '/')
		j--;
	while (j > floor && s[j - 1] == ' ')
		j--;
	end_name = j;
	while (j > floor && is_alnum(s[j - 1]))
		j--;
	if (j < end_name && (j == floor || !is_alnum(s[j - 1])) && is_alpha(s[j])) {
		*kind = tag_kind(t, s + j, end_name - j);
		if (*kind)
			return j;
	}
	/* "tdstyle;textalign:'left', colsize;'rowcount'= '3', valigntop>": a
	 * line that opens with a tag name glued to attributes */
	for (ls = i; ls > floor && s[ls - 1] != '\n'; ls--)
		;
	if (memchr(s + ls, '=', i - ls) && is_alpha(s[ls])) {
		for (k = 1; k <= 6 && ls + k <= i && is_alpha(s[ls + k - 1]); k++) {
			int kd = tag_kind(t, s + ls, k);

			if (kd == PW_TAG_BLOCK) {
				*kind = kd;
				return ls;
			}
		}
	}
	return SIZE_MAX;
}

size_t pw_strip_tag_debris(const pw_segtables *t, char *s, size_t len)
{
	size_t i, count = 0, floor = 0;

	if (!memchr(s, '<', len) && !memchr(s, '>', len))
		return 0;
	for (i = 0; i < len; i++) {
		int kind = 0;
		size_t e, b;

		if (s[i] == '<') {
			e = open_tag(t, s, len, i, &kind);
			if (e) {
				blank(s, i, e, kind == PW_TAG_BLOCK);
				count++;
				floor = e;
				i = e - 1;
			}
		} else if (s[i] == '>') {
			b = close_tag(t, s, i, floor, &kind);
			if (b != SIZE_MAX) {
				e = i + 1;
				while (e < len && s[e] == '>')
					e++;
				blank(s, b, e, kind == PW_TAG_BLOCK);
				count++;
				floor = e;
				i = e - 1;
			}
		}
	}
	if (count) {
		/* once a document is known to carry debris, a lone angle bracket
		 * is debris too ("- >Engagement With Global Powers") */
		for (i = 0; i < len; i++)
			if (s[i] == '<' || s[i] == '>') {
				s[i] = ' ';
				count++;
			}
	}
	return count;
}
