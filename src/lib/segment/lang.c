/*
 * Language identification by stop-word votes (no model): the first few
 * hundred words (120) are looked up in the profiles of data/segment/stopwords.txt
 * and the language with clearly more hits wins. News prose in English or
 * French has 30-50% stop words, so 120 words decide reliably; short or
 * ambiguous texts stay "und" and are treated as English downstream.
 */
#include "segment.h"
#include "tokens.h"

#define LANG_MAX_WORDS 120
#define LANG_MIN_HITS 2
#define LANG_SURE_HITS 12

const char *pw_lang_detect(const pw_segtables *t, const char *text, size_t len)
{
	unsigned hits[PW_MAX_LANGS] = {0};
	size_t i = 0, words = 0;
	int best = -1, second = -1, l;

	while (i < len && words < LANG_MAX_WORDS) {
		char w[64];
		size_t s, n;
		int ascii = 1;
		uint8_t v;

		/* words are runs of letters (any non-ASCII byte counts as one) */
		while (i < len && !(((unsigned char)text[i] | 0x20) >= 'a' &&
				     ((unsigned char)text[i] | 0x20) <= 'z') &&
		       (unsigned char)text[i] < 0x80)
			i++;
		s = i;
		while (i < len && ((((unsigned char)text[i] | 0x20) >= 'a' &&
				    ((unsigned char)text[i] | 0x20) <= 'z') ||
				   (unsigned char)text[i] >= 0x80)) {
			if ((unsigned char)text[i] >= 0x80)
				ascii = 0;
			i++;
		}
		if (i == s)
			break;
		words++;
		if (i - s > 8)
			continue;   /* no stop word is longer ("apres", "between") */
		if (ascii) {
			for (n = 0; n < i - s; n++)
				w[n] = (char)(text[s + n] | 0x20);
		} else {
			n = pw_fold(w, sizeof(w), text + s, i - s);
			if (n == (size_t)-1)
				continue;
		}
		v = pw_wordset_get(&t->stop, w, n);
		if (v && ++hits[v - 1] >= LANG_SURE_HITS) {
			/* a landslide: the rest of the text would not change it */
			unsigned other = 0;

			for (l = 0; l < t->nlangs; l++)
				if (l != v - 1)
					other = PW_MAX(other, hits[l]);
			if (other * 4 <= hits[v - 1])
				break;
		}
	}
	for (l = 0; l < t->nlangs; l++) {
		if (best < 0 || hits[l] > hits[best]) {
			second = best;
			best = l;
		} else if (second < 0 || hits[l] > hits[second]) {
			second = l;
		}
	}
	if (best < 0 || hits[best] < LANG_MIN_HITS)
		return "und";
	/* a clear majority: 3 to 2 is not one */
	if (second >= 0 && hits[best] * 2 < hits[second] * 3)
		return "und";
	return t->langs[best];
}
