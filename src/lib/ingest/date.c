/*
 * Publication dates as inputs give them: "2023-12-04", RFC 3339
 * ("2023-12-04T10:00:00Z", the date as written, not shifted to UTC: it is
 * the local publication day), RFC 822 as RSS uses ("Mon, 04 Dec 2023
 * 10:00:00 +0000", weekday optional) and the "Dec 4, 2023" / "4 December
 * 2023" forms of HTML bylines. Anything else is PW_EPARSE.
 */
#include "ingest.h"
#include <ctype.h>

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int valid(int y, int m, int d)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && leap(y));
}

static int digits(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

/* English month name or its 3-letter abbreviation at s; sets *len. */
static int month(const char *s, size_t *len)
{
	static const char *const names[12] = {"january", "february", "march", "april", "may",
					      "june", "july", "august", "september", "october",
					      "november", "december"};
	char w[16];
	size_t n = 0;
	int i;

	while (n < sizeof(w) - 1 && isalpha((unsigned char)s[n])) {
		w[n] = (char)tolower((unsigned char)s[n]);
		n++;
	}
	w[n] = '\0';
	if (n < 3 || isalpha((unsigned char)s[n]))
		return 0;
	for (i = 0; i < 12; i++) {
		if ((n == 3 && !strncmp(w, names[i], 3)) || !strcmp(w, names[i]) ||
		    (n == 4 && !strcmp(w, "sept") && i == 8)) {
			*len = n;
			if (s[n] == '.')
				(*len)++;
			return i + 1;
		}
	}
	return 0;
}

static int out_date(char out[11], int y, int m, int d)
{
	if (!valid(y, m, d))
		return PW_EPARSE;
	/* valid() bounds every field, so each has a fixed width */
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	return 0;
}

/* What may follow a date: nothing, or a time part. */
static int tail_ok(const char *s)
{
	while (*s == ' ')
		s++;
	return !*s || isdigit((unsigned char)*s) || *s == 'T' || *s == 't';
}

int pw_date_normalize(char out[11], const char *in)
{
	const char *s = in;
	int y, m, d;
	size_t ml;

	out[0] = '\0';
	if (!s)
		return PW_EPARSE;
	while (*s == ' ' || *s == '\t')
		s++;
	/* ISO 8601 / RFC 3339: YYYY-MM-DD, optionally followed by a time */
	if (digits(s, 4, &y) && (s[4] == '-' || s[4] == '/') && digits(s + 5, 2, &m) &&
	    s[7] == s[4] && digits(s + 8, 2, &d)) {
		const char *t = s + 10;

		if (*t == 'T' || *t == 't' || *t == ' ') {
			int hh, mm;

			if (t[1] && !(digits(t + 1, 2, &hh) && t[3] == ':' && digits(t + 4, 2, &mm) &&
				      hh < 24 && mm < 60))
				return PW_EPARSE;
		} else if (*t) {
			return PW_EPARSE;
		}
		return out_date(out, y, m, d);
	}
	/* RFC 822: optional "Mon, " */
	if (isalpha((unsigned char)s[0]) && isalpha((unsigned char)s[1]) &&
	    isalpha((unsigned char)s[2]) && s[3] == ',') {
		s += 4;
		while (*s == ' ')
			s++;
	}
	/* "04 Dec 2023 ..." / "4 December 2023" */
	if (isdigit((unsigned char)s[0])) {
		int n = isdigit((unsigned char)s[1]) ? 2 : 1;

		if (!digits(s, n, &d) || s[n] != ' ')
			return PW_EPARSE;
		s += n + 1;
		while (*s == ' ')
			s++;
		if (!(m = month(s, &ml)))
			return PW_EPARSE;
		s += ml;
		while (*s == ' ')
			s++;
		if (!digits(s, 4, &y) || isdigit((unsigned char)s[4]) || !tail_ok(s + 4))
			return PW_EPARSE;
		return out_date(out, y, m, d);
	}
	/* "Dec 4, 2023" / "December 4 2023" */
	if ((m = month(s, &ml))) {
		int n;

		s += ml;
		while (*s == ' ')
			s++;
		n = isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) ? 2 : 1; /* fix: "dec" read s[1] past the NUL (found by fuzz_dates) */
		if (!digits(s, n, &d))
			return PW_EPARSE;
		s += n;
		if (*s == ',')
			s++;
		while (*s == ' ')
			s++;
		if (!digits(s, 4, &y) || isdigit((unsigned char)s[4]) || !tail_ok(s + 4))
			return PW_EPARSE;
		return out_date(out, y, m, d);
	}
	return PW_EPARSE;
}
