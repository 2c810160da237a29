/*
 * Dated roles. A person's code depends on the date of the document:
 * Goïta is MLIMIL as a colonel before 2021-05-24 and MLIGOV after; Bazoum
 * is NERGOV from 2021-04-02 until the coup of 2023-07-26, after which he is
 * only a Nigerien (NER). Dates compare as strings (YYYY-MM-DD).
 */
#include "actors.h"

static inline int is_digit(char c)
{
	return (unsigned char)(c - '0') <= 9;
}

/* Unrolled: the Phoenix files carry tens of thousands of dated roles. */
int pw_date_ok(const char *s, size_t n)
{
	int m, dd;

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	if (!is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[2]) || !is_digit(s[3]) ||
	    !is_digit(s[5]) || !is_digit(s[6]) || !is_digit(s[8]) || !is_digit(s[9]))
		return 0;
	m = (s[5] - '0') * 10 + (s[6] - '0');
	dd = (s[8] - '0') * 10 + (s[9] - '0');
	return m >= 1 && m <= 12 && dd >= 1 && dd <= 31;
}

int pw_entry_add_role(pw_actordict *d, int32_t e, const pw_role *r)
{
	pw_entry *en = &d->entries[e];
	int32_t *link = &en->role0;

	if (d->n_roles == d->role_cap) {
		size_t cap = d->role_cap ? d->role_cap * 2 : 4096;
		pw_role *v = pw_realloc(d->ctx, d->roles, cap * sizeof(*v));

		if (!v)
			return PW_ENOMEM;
		d->roles = v;
		d->role_cap = cap;
	}
	while (*link >= 0)
		link = &d->roles[*link].next;
	d->roles[d->n_roles] = *r;
	d->roles[d->n_roles].next = -1;
	*link = (int32_t)d->n_roles++;
	return 0;
}

static int covers(const pw_role *r, const char *date)
{
	if (r->from[0] && strcmp(date, r->from) < 0)
		return 0;
	if (r->until[0] && strcmp(date, r->until) >= 0)
		return 0;
	return 1;
}

const pw_role *pw_entry_role(const pw_actordict *d, const pw_entry *e, const char *date,
			     pw_role *tmp)
{
	const pw_role *undated = NULL, *open = NULL, *last = NULL;
	int32_t i;

	for (i = e->role0; i >= 0; i = d->roles[i].next) {
		const pw_role *r = &d->roles[i];

		if (!r->from[0] && !r->until[0]) {
			if (!undated)
				undated = r;
			continue;
		}
		if (date && date[0] && covers(r, date))
			return r;
		if (!r->until[0])
			open = r;
		last = r;
	}
	if (undated)
		return undated;
	if (!last)
		return NULL;
	/* No date: the role still running (or the latest) is the best guess. */
	if (!date || !date[0])
		return open ? open : last;
	/* Dated roles only, none covering the date: the person still belongs to
	 * the country, without a sector. */
	memset(tmp, 0, sizeof(*tmp));
	memcpy(tmp->country, last->country, sizeof(tmp->country));
	memcpy(tmp->code, last->country, sizeof(tmp->country));
	tmp->next = -1;
	return tmp;
}
