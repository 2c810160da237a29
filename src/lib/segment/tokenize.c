/* Tokenizer and folding (see tokens.h).
 *
 * Every sentence of every document and every dictionary phrase goes
 * through here, and news text is nearly all ASCII, so ASCII has its own
 * path: bytes are classified by a table, and an ASCII token is folded and
 * hashed in one pass, 8 bytes at a time, into one buffer per call (no
 * allocation per token). Other code points go through utf8proc one at a time
 * (no per-token malloc), except the Latin-1 letters of French, which fold by
 * table. The generic path stays callable (pw_tokenize_generic,
 * pw_fold_generic) so the tests can hold the fast paths to it. */
#include "tokens.h"
#include "swar.h"
#include <utf8proc.h>

/* ---- folding ------------------------------------------------------------ */

/* Fold one code point into out; returns bytes written (0 if dropped). */
static size_t fold_cp(utf8proc_int32_t cp, char *out, size_t cap)
{
	utf8proc_int32_t dec[8];
	utf8proc_ssize_t n, i;
	size_t w = 0;

	if (cp < 0x80) {
		if (cap < 1)
			return 0;
		out[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		return 1;
	}
	/* Ligatures utf8proc keeps whole: French writes "œuvre", "Cœur". */
	if (cp == 0x0153 || cp == 0x0152) {
		if (cap < 2)
			return 0;
		out[0] = 'o'; out[1] = 'e';
		return 2;
	}
	if (cp == 0x00E6 || cp == 0x00C6) {
		if (cap < 2)
			return 0;
		out[0] = 'a'; out[1] = 'e';
		return 2;
	}
	/* Typographic apostrophes fold to ASCII. */
	if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC)
		cp = '\'';
	if (cp == '\'') {
		if (cap < 1)
			return 0;
		out[0] = '\'';
		return 1;
	}
	n = utf8proc_decompose_char(cp, dec, 8, UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE |
				    UTF8PROC_STRIPMARK | UTF8PROC_COMPAT, NULL);
	if (n < 0 || n > 8) {
		dec[0] = cp;
		n = 1;
	}
	for (i = 0; i < n; i++) {
		utf8proc_uint8_t buf[4];
		utf8proc_ssize_t k;

		if (utf8proc_category(dec[i]) == UTF8PROC_CATEGORY_MN)
			continue;
		k = utf8proc_encode_char(dec[i], buf);
		if ((size_t)k > cap - w)
			return w;
		memcpy(out + w, buf, (size_t)k);
		w += (size_t)k;
	}
	return w;
}

/* Lower-case the letters among 8 bytes that are all below 0x80 (no carry
 * can cross a byte): bytes in 'A'..'Z' get 0x20 added. */
static inline uint64_t lower8(uint64_t w)
{
	uint64_t ge_a = w + ONES * (0x80 - 'A'), gt_z = w + ONES * (0x80 - 'Z' - 1);

	return w | ((ge_a & ~gt_z & HI) >> 2);
}

/* What fold_cp() makes of U+00C0..U+00FF when it is one ASCII letter
 * (accented Latin letters: "armée", "Burkinabè", "Traoré"); 0 for the
 * others (Æ, Ð, ×, Ø, Þ, ß and their small forms), which take the slow path.
 * Indexed by the second byte of the UTF-8 sequence C3 80..C3 BF. */
static const char latin1_fold[64] =
	"aaaaaa\0ceeeeiiii"       /* U+00C0 */
	"\0nooooo\0\0uuuuy\0\0"   /* U+00D0 */
	"aaaaaa\0ceeeeiiii"       /* U+00E0 */
	"\0nooooo\0\0uuuuy\0y";   /* U+00F0 */

static size_t fold_str(char *out, size_t cap, const char *s, size_t n, int fast)
{
	size_t i = 0, w = 0;

	if (cap == 0)
		return (size_t)-1;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;

		/* 8 ASCII bytes at once where 8 single-byte steps would all
		 * pass the room check below (long texts: dates fold sentences) */
		if (fast && c < 0x80 && n - i >= 8 && cap - w >= 16) {
			uint64_t x;

			memcpy(&x, s + i, 8);
			if (!(x & HI)) {
				x = lower8(x);
				memcpy(out + w, &x, 8);
				i += 8;
				w += 8;
				continue;
			}
		}
		/* room for the longest fold of one code point, whatever comes */
		if (cap - w < 9)
			return (size_t)-1;
		if (fast && c < 0x80) {
			out[w++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
			continue;
		}
		if (fast && c == 0xC3 && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
		    latin1_fold[(unsigned char)s[i + 1] - 0x80]) {
			out[w++] = latin1_fold[(unsigned char)s[i + 1] - 0x80];
			i += 2;
			continue;
		}
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) {
			cp = 0xFFFD;
			k = 1;
		}
		i += (size_t)k;
		w += fold_cp(cp, out + w, cap - w - 1);
	}
	out[w] = '\0';
	return w;
}

size_t pw_fold(char *out, size_t cap, const char *s, size_t n)
{
	return fold_str(out, cap, s, n, 1);
}

size_t pw_fold_generic(char *out, size_t cap, const char *s, size_t n)
{
	return fold_str(out, cap, s, n, 0);
}

/* ---- character classes -------------------------------------------------- */

/* What the tokenizer asks of a character, as bits, so that a token's flags
 * are ORed together while it is scanned. */
enum {
	C_WORD = 1,      /* part of a word: letter, mark or digit (is_word_cp) */
	C_LETTER = 2,    /* a word character that is not an ASCII digit */
	C_DIGIT = 4,     /* 0-9 */
	C_UPPER = 8,     /* upper-case letter */
	C_NOTUPPER = 16, /* a letter that rules out ALLCAPS (lower-case, not a mark) */
	C_SPACE = 32,
	C_HIGH = 64,     /* not ASCII */
	C_SLOW = 128     /* not ASCII, and not a Latin-1 letter that folds by table */
};

/* The classes of the ASCII bytes, by table; bytes >= 0x80 are only C_HIGH
 * here and are classified by code point (cp_class). */
#define BCLS(c)                                                                            \
	((c) >= 0x80 ? C_HIGH :                                                            \
	 (c) >= 'a' && (c) <= 'z' ? C_WORD | C_LETTER | C_NOTUPPER :                       \
	 (c) >= 'A' && (c) <= 'Z' ? C_WORD | C_LETTER | C_UPPER :                          \
	 (c) >= '0' && (c) <= '9' ? C_WORD | C_DIGIT :                                     \
	 (c) == ' ' || ((c) >= '\t' && (c) <= '\r') ? C_SPACE : 0)
#define BCLS4(c) BCLS(c), BCLS((c) + 1), BCLS((c) + 2), BCLS((c) + 3)
#define BCLS16(c) BCLS4(c), BCLS4((c) + 4), BCLS4((c) + 8), BCLS4((c) + 12)
#define BCLS64(c) BCLS16(c), BCLS16((c) + 16), BCLS16((c) + 32), BCLS16((c) + 48)
static const uint8_t byte_class[256] = {BCLS64(0), BCLS64(64), BCLS64(128), BCLS64(192)};

static inline int ascii_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int is_word_cp(utf8proc_int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return ascii_alnum(cp);
	c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	       c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
	       c == UTF8PROC_CATEGORY_ND;
}

static int is_space_cp(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS || cp == 0x2028 || cp == 0x2029;
}

static int is_upper_cp(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

static int is_apos(utf8proc_int32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

static inline utf8proc_int32_t cp_at(const char *t, uint32_t i, uint32_t end,
				     utf8proc_ssize_t *len)
{
	utf8proc_int32_t cp;

	if ((unsigned char)t[i] < 0x80) {
		*len = 1;
		return (unsigned char)t[i];
	}
	*len = utf8proc_iterate((const utf8proc_uint8_t *)t + i, (utf8proc_ssize_t)(end - i), &cp);
	if (*len <= 0) {
		*len = 1;
		return 0xFFFD;
	}
	return cp;
}

/* The classes of the code point at t[i] (its length in *len), from the
 * predicates above: the reference the byte table must agree with. */
static unsigned cp_class(const char *t, uint32_t i, uint32_t end, utf8proc_ssize_t *len)
{
	utf8proc_int32_t cp = cp_at(t, i, end, len);
	unsigned high = cp < 0x80 ? 0 : C_HIGH | C_SLOW;

	if (is_space_cp(cp))
		return C_SPACE | high;
	if (!is_word_cp(cp))
		return high;
	if (cp >= '0' && cp <= '9')
		return C_WORD | C_DIGIT;
	if (is_upper_cp(cp))
		return C_WORD | C_LETTER | C_UPPER | high;
	if (cp >= 0x80 && utf8proc_category(cp) == UTF8PROC_CATEGORY_MN)
		return C_WORD | C_LETTER | high;
	return C_WORD | C_LETTER | C_NOTUPPER | high;
}

/* The classes of the character at t[i] (its length in *len): ASCII by
 * table, the Latin-1 letters of French by their code (U+00C0..U+00DE
 * capitals, U+00DF..U+00FF small, but for the signs x and / at D7 and F7),
 * the rest by cp_class(). */
static inline unsigned char_class(const char *t, uint32_t i, uint32_t end, utf8proc_ssize_t *len,
				  int fast)
{
	unsigned char c = (unsigned char)t[i], b;

	if (!fast)
		return cp_class(t, i, end, len);
	*len = 1;
	if (c < 0x80)
		return byte_class[c];
	b = i + 1 < end ? (unsigned char)t[i + 1] : 0;
	if (c != 0xC3 || (b & 0xC0) != 0x80 || b == 0x97 || b == 0xB7)
		return cp_class(t, i, end, len);
	*len = 2;
	return C_WORD | C_LETTER | C_HIGH | (b <= 0x9E ? C_UPPER : C_NOTUPPER) |
	       (latin1_fold[b - 0x80] ? 0 : C_SLOW);
}

/* ---- tokens ------------------------------------------------------------- */

static pw_token *push(pw_tokens *out, pw_arena *a)
{
	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 64;
		pw_token *v = pw_realloc(a->ctx, out->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		out->v = v;
		out->cap = cap;
	}
	return &out->v[out->n++];
}

/* Is there a dotted acronym (A.B. or A.B.C.) starting at i? Returns its end. */
static uint32_t acronym_end(const char *t, uint32_t i, uint32_t end)
{
	uint32_t j = i, letters = 0;

	while (j + 1 < end && ((t[j] >= 'A' && t[j] <= 'Z') || (t[j] >= 'a' && t[j] <= 'z')) &&
	       t[j + 1] == '.') {
		letters++;
		j += 2;
		/* a letter after the dot without a space continues the acronym */
		if (j >= end || !((t[j] >= 'A' && t[j] <= 'Z') || (t[j] >= 'a' && t[j] <= 'z')))
			break;
		if (j + 1 < end && t[j + 1] != '.')
			break;
	}
	return letters >= 2 ? j : i;
}

/* Set tk's fold to t[s, e) folded (any text), allocated in the arena. */
static int set_fold(pw_token *tk, pw_arena *a, const char *t, uint32_t s, uint32_t e, int fast)
{
	size_t cap = (size_t)(e - s) * 3 + 16, n;
	char *f = pw_arena_alloc(a, cap);

	if (!f)
		return PW_ENOMEM;
	n = fold_str(f, cap, t + s, e - s, fast);
	if (n == (size_t)-1)
		n = 0;
	tk->fold = f;
	tk->fold_len = (uint16_t)(n > 65535 ? 65535 : n);
	tk->h = pw_word_hash(f, tk->fold_len);
	return 0;
}

/* Fold the ASCII bytes t[s, s + n) into f and hash them in the same pass,
 * 8 bytes at a time: what set_fold() would make of them, without the
 * allocation, the decoding and the second reading. f gets n + 1 bytes and
 * may be scribbled on up to 7 bytes further; t may be read in [lo, hi). */
static inline void fold_ascii(pw_token *tk, char *f, const char *t, uint32_t s, uint32_t n,
			      uint32_t lo, uint32_t hi)
{
	uint64_t h = pw_word_hash_start(n), w;
	uint32_t p = 0;

	for (; n - p >= 8; p += 8) {
		memcpy(&w, t + s + p, 8);
		w = lower8(w);
		memcpy(f + p, &w, 8);
		h = pw_word_hash_step(h, w);
	}
	if (p < n) {
		uint32_t r = n - p;

		/* the last 1-7 bytes, zero-padded as pw_word_hash() reads them:
		 * one load and a mask or a shift where the text around allows */
		if (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && hi - (s + p) >= 8) {
			memcpy(&w, t + s + p, 8);
			w &= ~0ULL >> (64 - 8 * r);
		} else if (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && s + n - lo >= 8) {
			memcpy(&w, t + s + n - 8, 8);
			w >>= 64 - 8 * r;
		} else {
			w = 0;
			memcpy(&w, t + s + p, r);
		}
		w = lower8(w);
		memcpy(f + p, &w, 8);
		h = pw_word_hash_tail(h, w);
	}
	f[n] = '\0';
	tk->fold = f;
	tk->fold_len = (uint16_t)n;
	tk->h = pw_word_hash_end(h);
}

/* Fold t[s, e), ASCII and Latin-1 letters that fold by table, into f: one
 * byte per character, so never longer than the span. */
static void fold_latin1(pw_token *tk, char *f, const char *t, uint32_t s, uint32_t e)
{
	uint32_t n = 0;

	while (s < e) {
		unsigned char c = (unsigned char)t[s];

		if (c < 0x80) {
			f[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			s++;
		} else {
			f[n++] = latin1_fold[(unsigned char)t[s + 1] - 0x80];
			s += 2;
		}
	}
	f[n] = '\0';
	tk->fold = f;
	tk->fold_len = (uint16_t)n;
	tk->h = pw_word_hash(f, n);
}

/* The fold of the token t[s, e), whose characters' classes ORed are cls:
 * into the call's buffer *fb (NULL in the generic mode) by fold_ascii() or
 * fold_latin1() when they can, else set_fold(). The text t[lo, hi) may be
 * read. */
static inline int fold_token(pw_token *tk, pw_arena *a, char **fb, const char *t, uint32_t s,
			     uint32_t e, uint32_t lo, uint32_t hi, unsigned cls, int drop_dots)
{
	/* "U.S." folds to "u.s": inner dots kept so it never equals "us" */
	if (drop_dots)
		while (e > s && t[e - 1] == '.')
			e--;
	if (!*fb || (cls & C_SLOW) || e - s > 65535)
		return set_fold(tk, a, t, s, e, *fb != NULL);
	if (cls & C_HIGH)
		fold_latin1(tk, *fb, t, s, e);
	else
		fold_ascii(tk, *fb, t, s, e - s, lo, hi);
	*fb += tk->fold_len + 1;
	return 0;
}

/* A word token: the scan of t[s, ...) for its end and flags. Numbers keep
 * their inner separators (3.5, 1,000, 12:30). */
typedef struct word_scan {
	uint32_t end;
	unsigned cls;       /* C_LETTER, C_NOTUPPER, C_HIGH, C_SLOW of its characters ORed */
	unsigned letters;   /* how many C_LETTER characters, counted up to 2 at least */
} word_scan;

/* Of the 8 bytes x: the high bits of the bytes that are not ASCII letters
 * or digits (returned) and of the ASCII letters (*letter). */
static inline uint64_t nonword8(uint64_t x, uint64_t *letter)
{
	uint64_t y = x & ~HI;   /* no carries across bytes below; x's high bits stop */
	uint64_t l = y | ONES * 0x20;

	*letter = IN_RANGE8(l, 'a', 'z') & ~x;
	return ~(*letter | (IN_RANGE8(y, '0', '9') & ~x)) & HI;
}

/* Scan 8 bytes of a word at once: the ASCII letters and digits up to the
 * first other byte. Returns how many there are (8: all) and adds their
 * classes to w. Little-endian only (byte i is bits 8i..8i+7). */
static inline uint32_t scan8(word_scan *w, const char *p)
{
	uint64_t x, letter, keep;
	uint32_t n;

	memcpy(&x, p, 8);
	n = bytes_before(nonword8(x, &letter), &keep);
	letter &= keep;
	if (letter) {
		w->cls |= C_LETTER;
		if (letter & (x << 2))   /* bit 0x20 set: lower case */
			w->cls |= C_NOTUPPER;
		w->letters += letter & (letter - 1) ? 2 : 1;
	}
	return n;
}

/* The bytes p[0, avail) (up to 8 of them) as a little-endian word, zero
 * beyond them, where behind bytes before p may also be read: one load when
 * there are 8 bytes on either side, byte by byte only for texts shorter
 * than 8 (dictionary phrases). */
static inline uint64_t load_part(const char *p, uint32_t avail, uint32_t behind)
{
	uint64_t x = 0;
	uint32_t i;

	if (avail >= 8) {
		memcpy(&x, p, 8);
	} else if (avail && behind >= 8 - avail) {
		memcpy(&x, p + avail - 8, 8);
		x >>= 8 * (8 - avail);
	} else {
		for (i = 0; i < avail; i++)
			x |= (uint64_t)(unsigned char)p[i] << (8 * i);
	}
	return x;
}

/* How many bits of m are set, counted up to 2. */
static inline unsigned upto2(uint64_t m)
{
	return (m != 0) + ((m & (m - 1)) != 0);
}

/* The common token in one go, from one or two 8-byte loads at p = t +
 * tk->start (avail bytes readable from p, behind before it; the end of the
 * text reads as a NUL, which ends a word as it does): an ASCII word that starts with a
 * letter and is at most 15 bytes long, before a byte that cannot go on
 * with it (not an apostrophe, not a non-ASCII byte, which may be a letter
 * or a typographic apostrophe, not a dot after a single letter, which may
 * be an acronym). Sets tk's end, fold (into f, as fold_ascii() would),
 * hash and flags; returns the length, or 0 to leave the token to the
 * general path. *next is the byte after it. Little-endian only. */
static inline uint32_t short_word(pw_token *tk, char *f, const char *p, uint32_t avail,
				  uint32_t behind, unsigned char *next)
{
	uint64_t x = load_part(p, avail, behind), x2 = 0, x1 = x, letter, letter2 = 0, stop,
		 keep, w, h;
	uint32_t n, m;

	stop = nonword8(x, &letter);
	if (stop) {
		n = m = bytes_before(stop, &keep);
		letter &= keep;
		*next = (unsigned char)(x >> (8 * n));
	} else {
		/* 8 letters or digits: one more load for the rest */
		x2 = load_part(p + 8, avail - 8, behind + 8);
		stop = nonword8(x2, &letter2);
		if (!stop)
			return 0;
		m = bytes_before(stop, &keep);
		letter2 &= keep;
		n = 8 + m;
		*next = (unsigned char)(x2 >> (8 * m));
	}
	if (*next >= 0x80 || *next == '\'' || (*next == '.' && n == 1))
		return 0;
	h = pw_word_hash_start(n);
	if (n >= 8) {
		w = lower8(x);
		memcpy(f, &w, 8);
		h = pw_word_hash_step(h, w);
		x = x2;
	}
	if (m) {
		w = lower8(x & (~0ULL >> (64 - 8 * m)));
		memcpy(f + (n & 8), &w, 8);
		h = pw_word_hash_tail(h, w);
	}
	f[n] = '\0';
	tk->end = tk->start + n;
	tk->fold = f;
	tk->fold_len = (uint16_t)n;
	tk->h = pw_word_hash_end(h);
	tk->flags |= PW_TOK_WORD;
	if ((unsigned char)p[0] <= 'Z')
		tk->flags |= PW_TOK_UPPER;
	/* no lower-case letter (bit 0x20 set) and two letters or more */
	if (!(letter & (x1 << 2)) && !(letter2 & (x2 << 2)) && upto2(letter) + upto2(letter2) >= 2)
		tk->flags |= PW_TOK_ALLCAPS;
	return n;
}

static word_scan scan_word(const char *t, uint32_t j, uint32_t end, int fast)
{
	word_scan w = {j, 0, 0};

	for (;;) {
		unsigned char c;

		/* ASCII letters and digits: 8 at a time, then a table lookup
		 * each near the end of the text, no decoding */
		if (fast) {
			unsigned bc;

			if (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__) {
				uint32_t m = 8;

				while (m == 8 && end - j >= 8) {
					m = scan8(&w, t + j);
					j += m;
				}
			}
			while (j < end && ((bc = byte_class[(unsigned char)t[j]]) & C_WORD)) {
				w.cls |= bc;
				w.letters += (bc & C_LETTER) != 0;
				j++;
			}
		}
		if (j >= end)
			break;
		c = (unsigned char)t[j];
		if (c >= 0x80 || !fast) {
			utf8proc_ssize_t k;
			unsigned bc = char_class(t, j, end, &k, fast);

			if (bc & C_WORD) {
				w.cls |= bc;
				w.letters += (bc & C_LETTER) != 0;
				j += (uint32_t)k;
				continue;
			}
		}
		if (!(w.cls & C_LETTER) && (c == '.' || c == ',' || c == ':') && j + 1 < end &&
		    t[j + 1] >= '0' && t[j + 1] <= '9') {
			j += 1;
			continue;
		}
		break;
	}
	w.end = j;
	return w;
}

/* French elided articles and pronouns (l'armée, d'Abidjan, qu'il); a longer
 * word before an apostrophe ("aujourd'hui") is kept whole. */
static int is_elided(const pw_token *tk)
{
	static const char *const el[] = {"l", "d", "qu", "n", "s", "j", "m", "c",
					 "jusqu", "lorsqu", "puisqu"};
	size_t i;

	for (i = 0; i < PW_ARRAY_LEN(el); i++)
		if (tk->fold_len == strlen(el[i]) && !memcmp(tk->fold, el[i], tk->fold_len))
			return 1;
	return 0;
}

/* An apostrophe right after the word t[s, e) of tk: a possessive ('s, or '
 * after a plural) joins the token's span but not its fold; an elided word
 * ends its token at the apostrophe (*elided set). Returns where the next
 * token starts. */
static uint32_t after_word(pw_token *tk, const char *t, uint32_t s, uint32_t e, uint32_t end,
			   int *elided)
{
	utf8proc_ssize_t ka, kn = 0;
	utf8proc_int32_t nx;
	uint32_t after;

	if (e >= end || !is_apos(cp_at(t, e, end, &ka)))
		return e;
	after = e + (uint32_t)ka;
	nx = after < end ? cp_at(t, after, end, &kn) : ' ';
	if ((nx == 's' || nx == 'S') &&
	    (after + 1 >= end || !is_word_cp(cp_at(t, after + 1, end, &kn)))) {
		/* Russia's: fold without 's, span keeps it */
		tk->end = after + 1;
		tk->flags |= PW_TOK_POSS;
		return after + 1;
	}
	if (e - s <= 5 && is_word_cp(nx) && is_elided(tk)) {
		tk->end = after;
		tk->flags |= PW_TOK_ELISION;
		*elided = 1;
		return after;
	}
	if (!is_word_cp(nx) && e - s > 1 && (t[e - 1] == 's' || t[e - 1] == 'S')) {
		/* plural possessive: "the allies' bases" */
		tk->end = after;
		tk->flags |= PW_TOK_POSS;
		return after;
	}
	return e;
}

static int tokenize(pw_tokens *out, pw_arena *a, const char *t, uint32_t start, uint32_t end,
		    int fast)
{
	uint32_t i = start;
	int space_before = 1;
	char *fb = NULL;

	out->n = 0;
	/* the folds of the ASCII tokens: each at most its span plus a NUL,
	 * and 8 bytes for fold_ascii() to scribble past the last one (a span
	 * of a GB, which twice over might not fit a size_t, folds the slow way) */
	if (fast && end > start && end - start < UINT32_MAX / 4) {
		fb = pw_arena_alloc(a, (size_t)(end - start) * 2 + 8);
		if (!fb)
			return PW_ENOMEM;
	}
	while (i < end) {
		unsigned char c = (unsigned char)t[i];
		utf8proc_ssize_t k;
		unsigned bc = char_class(t, i, end, &k, fast);
		uint32_t s = i, e;
		pw_token *tk;
		int elided = 0;
		word_scan w;

		if (bc & C_SPACE) {
			i += (uint32_t)k;
			space_before = 1;
			continue;
		}
		tk = push(out, a);
		if (!tk)
			return PW_ENOMEM;
		tk->flags = space_before ? 0 : PW_TOK_JOINED;
		space_before = 0;
		tk->start = s;
		if (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && fast && c < 0x80 && (bc & C_LETTER) &&
		    (e = short_word(tk, fb, t + s, end - s, s - start, &c)) != 0) {
			fb += e + 1;
			i = s + e;
			/* the space after it, as the loop would */
			if (c == ' ') {
				i++;
				space_before = 1;
			}
			continue;
		}
		if (!(bc & C_WORD)) {
			tk->end = i = s + (uint32_t)k;
			tk->flags |= PW_TOK_PUNCT;
			if (fold_token(tk, a, &fb, t, s, i, start, end, bc, 0))
				return PW_ENOMEM;
			continue;
		}
		e = c < 0x80 && s + 1 < end && t[s + 1] == '.' ? acronym_end(t, s, end) : s;
		if (e > s) {
			tk->end = i = e;
			tk->flags |= PW_TOK_WORD | PW_TOK_ACRONYM | PW_TOK_UPPER | PW_TOK_ALLCAPS;
			if (fold_token(tk, a, &fb, t, s, e, start, end, 0, 1))
				return PW_ENOMEM;
			continue;
		}
		w = scan_word(t, s, end, fast);
		e = w.end;
		tk->end = e;
		tk->flags |= w.cls & C_LETTER ? PW_TOK_WORD : PW_TOK_NUM;
		if (bc & C_UPPER)
			tk->flags |= PW_TOK_UPPER;
		if ((w.cls & C_LETTER) && !(w.cls & C_NOTUPPER) && w.letters >= 2)
			tk->flags |= PW_TOK_ALLCAPS;
		if (fold_token(tk, a, &fb, t, s, e, start, end, w.cls, 0))
			return PW_ENOMEM;
		i = after_word(tk, t, s, e, end, &elided);
		space_before = elided;
	}
	return 0;
}

int pw_tokenize(pw_tokens *out, pw_arena *a, const char *t, uint32_t start, uint32_t end)
{
	return tokenize(out, a, t, start, end, 1);
}

int pw_tokenize_generic(pw_tokens *out, pw_arena *a, const char *t, uint32_t start,
			uint32_t end)
{
	return tokenize(out, a, t, start, end, 0);
}

void pw_tokens_free(pw_tokens *t, pw_context *ctx)
{
	pw_free(ctx, t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}
