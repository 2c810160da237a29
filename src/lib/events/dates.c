/*
 * Event dates. News gives relative dates ("on Monday", "last week", "le 4
 * décembre"): the event date is resolved against the document date, and
 * falls back to the document date when the sentence names none. Past
 * readings win because news reports what happened; "next Monday" is left to
 * the document date rather than guessed.
 */
#include "events_internal.h"
#include <stdio.h>
#include <stdlib.h>

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int dig(char c)
{
	return c >= '0' && c <= '9';
}

int pw_date_parse(int *y, int *m, int *d, const char *s)
{
	if (!s || strlen(s) < 10)
		return -1;
	/* the usual YYYY-MM-DD by hand (every sentence with a date word asks);
	 * anything else as sscanf reads it */
	if (dig(s[0]) && dig(s[1]) && dig(s[2]) && dig(s[3]) && s[4] == '-' && dig(s[5]) && dig(s[6]) &&
	    s[7] == '-' && dig(s[8]) && dig(s[9])) {
		*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		*m = (s[5] - '0') * 10 + (s[6] - '0');
		*d = (s[8] - '0') * 10 + (s[9] - '0');
	} else if (sscanf(s, "%4d-%2d-%2d", y, m, d) != 3) {
		return -1;
	}
	if (*m < 1 || *m > 12 || *d < 1 || *d > 31)
		return -1;
	return 0;
}

void pw_date_add_days(int *y, int *m, int *d, int days)
{
	civil_from_days(days_from_civil(*y, *m, *d) + days, y, m, d);
}

int pw_date_weekday(int y, int m, int d)
{
	long z = days_from_civil(y, m, d);
	/* 1970-01-01 was a Thursday (3 when Monday is 0) */
	return (int)(((z % 7) + 7 + 3) % 7);
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static const char *const weekdays[PW_NLANGS][7] = {
	{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"},
	{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}};
static const char *const months[PW_NLANGS][12] = {
	{"january", "february", "march", "april", "may", "june", "july", "august", "september",
	 "october", "november", "december"},
	{"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
	 "octobre", "novembre", "decembre"}};

#define MAXW 160

typedef struct words {
	char buf[2048];
	const char *w[MAXW];
	size_t len[MAXW];
	size_t n;
} words;

/* Is word w (of length n) the literal lit? Lengths first: the resolver
 * asks this of every word of a dated sentence. */
#define WEQ(w, n, lit) ((n) == sizeof(lit) - 1 && !memcmp((w), (lit), sizeof(lit) - 1))

/* Split the folded sentence into words (letters/digits); punctuation ends a word. */
static void split_words(words *ws, const char *text, size_t len)
{
	size_t n = pw_fold(ws->buf, sizeof(ws->buf), text, PW_MIN(len, sizeof(ws->buf) / 2));
	char *s = ws->buf, *e;

	ws->n = 0;
	if (n == (size_t)-1) {
		ws->buf[0] = 0;
		return;
	}
	e = s + n;
	while (s < e && ws->n < MAXW) {
		while (s < e && !((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || (unsigned char)*s >= 0x80))
			*s++ = 0;
		if (s >= e)
			break;
		ws->w[ws->n] = s;
		while (s < e && ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || (unsigned char)*s >= 0x80))
			s++;
		ws->len[ws->n] = (size_t)(s - ws->w[ws->n]);
		ws->n++;
	}
	if (s < e)
		*s = 0;
}

static int looks_like_weekday(const char *w, size_t n)
{
	return (n >= 6 && !strcmp(w + n - 3, "day")) || (n >= 5 && !strcmp(w + n - 2, "di")) ||
	       !strcmp(w, "dimanche");
}

static int month_of(const char *w, int lang)
{
	size_t n = strlen(w);
	int i, l;

	for (l = 0; l < PW_NLANGS; l++) {
		if (lang >= 0 && l != lang && !(lang == PW_LANG_FR && l == PW_LANG_EN))
			continue;
		for (i = 0; i < 12; i++) {
			/* both tests below need the first letter */
			if (w[0] != months[l][i][0])
				continue;
			/* "May" is also the modal verb: only taken next to a day number */
			if (!strcmp(w, months[l][i]))
				return i + 1;
			/* three-letter abbreviations "Dec", "Sept" in English */
			if (l == PW_LANG_EN && n >= 3 && n <= 4 && !strncmp(w, months[l][i], n) && strcmp(w, "mar") &&
			    strcmp(w, "may"))
				return i + 1;
		}
	}
	return 0;
}

/* A month name in any language ("October", "octobre"), for phrases such as
 * "in October 2011" that the modality stage reads. */
int pw_date_month_word(const char *fold)
{
	return fold && month_of(fold, -1);
}

static int day_num(const char *w)
{
	char *end;
	long v;
	if (!w || !(w[0] >= '0' && w[0] <= '9'))
		return 0;
	v = strtol(w, &end, 10);
	/* accept "4", "4th", "1er" */
	if (*end && strcmp(end, "st") && strcmp(end, "nd") && strcmp(end, "rd") && strcmp(end, "th") && strcmp(end, "er"))
		return 0;
	return (v >= 1 && v <= 31) ? (int)v : 0;
}

static int year_num(const char *w)
{
	char *end;
	long v;
	if (!w || strlen(w) != 4)
		return 0;
	v = strtol(w, &end, 10);
	return (!*end && v >= 1900 && v <= 2100) ? (int)v : 0;
}

static void put(char out[11], int y, int m, int d)
{
	/* written digit by digit: callers give a valid civil date */
	unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 100u, ud = (unsigned)d % 100u;
	out[0] = (char)('0' + uy / 1000);
	out[1] = (char)('0' + uy / 100 % 10);
	out[2] = (char)('0' + uy / 10 % 10);
	out[3] = (char)('0' + uy % 10);
	out[4] = '-';
	out[5] = (char)('0' + um / 10);
	out[6] = (char)('0' + um % 10);
	out[7] = '-';
	out[8] = (char)('0' + ud / 10);
	out[9] = (char)('0' + ud % 10);
	out[10] = 0;
}

int pw_date_word(const char *w)
{
	int k, l;

	if (!strcmp(w, "yesterday") || !strcmp(w, "hier") || !strcmp(w, "week") || !strcmp(w, "semaine"))
		return 1;
	for (k = 0; k < 7; k++)
		for (l = 0; l < PW_NLANGS; l++)
			if (!strcmp(w, weekdays[l][k]))
				return 1;
	return pw_date_month_word(w);
}

int pw_date_resolve(char out[11], const char *text, size_t len, const char *doc_date, int lang)
{
	int y, m, d;
	size_t i;
	words wsb, *ws = &wsb;
	int found = 0;

	if (pw_date_parse(&y, &m, &d, doc_date))
		return 0;
	split_words(ws, text, len);
	for (i = 0; i < ws->n && !found; i++) {
		const char *w = ws->w[i], *prev = i ? ws->w[i - 1] : "", *next = i + 1 < ws->n ? ws->w[i + 1] : "";
		size_t wl = ws->len[i], pl = i ? ws->len[i - 1] : 0, nl = i + 1 < ws->n ? ws->len[i + 1] : 0;
		int k, mo, dd;
		/* yesterday / hier */
		if (WEQ(w, wl, "yesterday") || WEQ(w, wl, "hier")) {
			int yy = y, mm = m, dd2 = d;
			pw_date_add_days(&yy, &mm, &dd2, -1);
			put(out, yy, mm, dd2);
			found = 1;
			break;
		}
		/* last week / la semaine dernière */
		if ((WEQ(w, wl, "last") && WEQ(next, nl, "week")) ||
		    (WEQ(w, wl, "semaine") && (WEQ(next, nl, "derniere") || WEQ(prev, pl, "derniere")))) {
			int yy = y, mm = m, dd2 = d;
			pw_date_add_days(&yy, &mm, &dd2, -7);
			put(out, yy, mm, dd2);
			found = 1;
			break;
		}
		/* weekdays: the latest such day on or before the document date
		 * (English names end in "day", French ones in "di" but dimanche:
		 * a cheap test that skips the table for almost every word) */
		for (k = looks_like_weekday(w, wl) ? 0 : 7; k < 7; k++) {
			int l;
			for (l = 0; l < PW_NLANGS; l++)
				if (!strcmp(w, weekdays[l][k]))
					break;
			if (l == PW_NLANGS)
				continue;
			if (!strcmp(prev, "next") || !strcmp(next, "prochain") || !strcmp(prev, "every") ||
			    !strcmp(next, "prochaine"))
				break;
			{
				int back = (pw_date_weekday(y, m, d) - k + 7) % 7;
				int yy = y, mm = m, dd2 = d;
				pw_date_add_days(&yy, &mm, &dd2, -back);
				put(out, yy, mm, dd2);
				found = 1;
			}
			break;
		}
		if (found)
			break;
		/* "4 December [2023]", "le 4 décembre", "December 4[, 2023]" */
		dd = dig(w[0]) ? day_num(w) : 0;
		mo = dd ? month_of(next, lang) : 0;
		if (!(dd && mo)) {
			/* month names only count before a day number or a year */
			mo = dig(next[0]) && (day_num(next) || year_num(next)) ? month_of(w, lang) : 0;
			dd = mo ? day_num(next) : 0;
		}
		if (dd && mo) {
			/* the year after the day and month, else the latest such
			 * day on or before the document date */
			int yr = year_num(i + 2 < ws->n ? ws->w[i + 2] : NULL);
			if (!yr) {
				yr = y;
				if (mo > m || (mo == m && dd > d))
					yr--;
			}
			if (dd > days_in_month(yr, mo))
				continue;
			put(out, yr, mo, dd);
			found = 1;
			break;
		}
		/* "in March 2022", "en mars 2022": the first of the month */
		if (mo && strcmp(w, "may") && year_num(next) &&
		    (!strcmp(prev, "in") || !strcmp(prev, "en") || !strcmp(prev, "since") || !strcmp(prev, "depuis") ||
		     !strcmp(prev, "mois") || !strcmp(prev, "of") || !strcmp(prev, "de") || !strcmp(prev, "d"))) {
			put(out, year_num(next), mo, 1);
			found = 1;
			break;
		}
	}
	return found;
}

int pw_date_year(char out[11], const char *text, size_t len, int doc_year)
{
	words wsb, *ws = &wsb;
	size_t i;

	split_words(ws, text, len);
	for (i = 1; i < ws->n; i++) {
		const char *prev = ws->w[i - 1], *pp = i >= 2 ? ws->w[i - 2] : "";
		int yr = year_num(ws->w[i]), mo;
		if (!yr || yr + 2 > doc_year)
			continue;
		/* late / end of / fin -> December; mid / mi -> July; early /
		 * beginning of / début / in / since -> January */
		if (!strcmp(prev, "late") || !strcmp(prev, "fin") || (!strcmp(prev, "of") && !strcmp(pp, "end")))
			mo = 12;
		else if (!strcmp(prev, "mid") || !strcmp(prev, "mi"))
			mo = 7;
		else if (!strcmp(prev, "early") || !strcmp(prev, "debut") || !strcmp(prev, "in") ||
			 !strcmp(prev, "en") || !strcmp(prev, "since") || !strcmp(prev, "depuis") ||
			 !strcmp(prev, "back") || (!strcmp(prev, "of") && !strcmp(pp, "beginning")))
			mo = 1;
		else
			continue;
		put(out, yr, mo, 1);
		return 1;
	}
	return 0;
}
