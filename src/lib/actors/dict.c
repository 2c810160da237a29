/*
 * The actor dictionary: dictionaries.conf, our line format (documented in
 * data/actors/README.md), countries.tsv, and the stage's lookups.
 *
 * Our format, one entry per line:
 *   Assimi Goïta | Goïta | Col. Goïta  => MLIGOV  from=2021-05-24  # transition president
 * Phrases separated by '|', then '=>', the code, then key=value options.
 * A phrase repeated in the same file adds a role to the first entry (one
 * line per role); repeated in a later file it is shadowed (the earlier file
 * wins, which is how ours win over Phoenix).
 */
#include "actors.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

char *pw_actordict_strdup(pw_actordict *d, const char *s, size_t n)
{
	return pw_arena_strndup(&d->arena, s, n);
}

void pw_actordict_error(pw_actordict *d, pw_dictfile *f, const char *where, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (f)
		f->errors++;
	if (!d->n_errors++)
		snprintf(d->first_error, sizeof(d->first_error), "%s: %s", where, msg);
	if (d->report)
		d->report(d->report_ud, where, msg);
}

pw_dictfile *pw_actordict_add_file(pw_actordict *d, const char *shown, const char *format)
{
	pw_dictfile *f;

	if (d->n_files == d->file_cap) {
		size_t cap = d->file_cap ? d->file_cap * 2 : 16;
		pw_dictfile *v = pw_realloc(d->ctx, d->files, cap * sizeof(*v));

		if (!v)
			return NULL;
		d->files = v;
		d->file_cap = cap;
	}
	f = &d->files[d->n_files];
	memset(f, 0, sizeof(*f));
	f->path = pw_actordict_strdup(d, shown, strlen(shown));
	f->format = format;
	if (!f->path)
		return NULL;
	d->n_files++;
	return f;
}

int pw_role_from_code(pw_role *r, const char *code, size_t n)
{
	size_t i;

	memset(r, 0, sizeof(*r));
	r->next = -1;
	if (n == 0 || n >= sizeof(r->code))
		return -1;
	if (code[0] == '~') {
		/* an agent: a sector waiting for a country */
		if (n < 2 || n - 1 >= sizeof(r->sector))
			return -1;
		for (i = 1; i < n; i++)
			if (!((code[i] >= 'A' && code[i] <= 'Z') || (code[i] >= '0' && code[i] <= '9')))
				return -1;
		memcpy(r->sector, code + 1, n - 1);
		memcpy(r->code, code + 1, n - 1);
		return 0;
	}
	if (n < 3)
		return -1;
	for (i = 0; i < n; i++)
		if (!((code[i] >= 'A' && code[i] <= 'Z') || (code[i] >= '0' && code[i] <= '9')))
			return -1;
	memcpy(r->code, code, n);
	memcpy(r->country, code, 3);
	/* IGO/IMG/NGO/MNC codes name the organisation after the prefix, not a
	 * sector; national codes are country + sector(s). */
	if (memcmp(r->country, "IGO", 4) && memcmp(r->country, "IMG", 4) &&
	    memcmp(r->country, "NGO", 4) && memcmp(r->country, "MNC", 4) && n > 3)
		memcpy(r->sector, code + 3, PW_MIN(n - 3, 3));
	return 0;
}

int pw_actordict_entry_new(pw_actordict *d, int32_t *out)
{
	if (d->n_entries == d->entry_cap) {
		size_t cap = d->entry_cap ? d->entry_cap * 2 : 4096;
		pw_entry *v = pw_realloc(d->ctx, d->entries, cap * sizeof(*v));

		if (!v)
			return PW_ENOMEM;
		d->entries = v;
		d->entry_cap = cap;
	}
	memset(&d->entries[d->n_entries], 0, sizeof(pw_entry));
	d->entries[d->n_entries].role0 = -1;
	*out = (int32_t)d->n_entries++;
	return 0;
}

/* A comma-separated list of 3-letter codes into a NULL-terminated array. */
static const char *const *code_list(pw_actordict *d, const char *s, size_t n, int *bad)
{
	const char **v;
	size_t cnt = 1, i, k = 0, st = 0;

	for (i = 0; i < n; i++)
		cnt += s[i] == ',';
	v = pw_arena_alloc(&d->arena, (cnt + 1) * sizeof(*v));
	if (!v)
		return NULL;
	for (i = 0; i <= n; i++) {
		if (i == n || s[i] == ',') {
			size_t j, len = i - st;

			if (len != 3)
				*bad = 1;
			for (j = st; j < i; j++)
				if (s[j] < 'A' || s[j] > 'Z')
					*bad = 1;
			v[k++] = pw_actordict_strdup(d, s + st, len);
			if (!v[k - 1])
				return NULL;
			st = i + 1;
		}
	}
	v[k] = NULL;
	return v;
}

static int add_group(pw_actordict *d, int32_t e)
{
	if (d->n_groups == d->group_cap) {
		size_t cap = d->group_cap ? d->group_cap * 2 : 32;
		int32_t *v = pw_realloc(d->ctx, d->groups, cap * sizeof(*v));

		if (!v)
			return PW_ENOMEM;
		d->groups = v;
		d->group_cap = cap;
	}
	d->groups[d->n_groups++] = e;
	return 0;
}

static const char *skip_ws(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

static const char *trim_end(const char *s, const char *e)
{
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	return e;
}

/* Written all-caps and short ("US", "UN", "AU", "JNIM"): must be all-caps
 * in text too, or French "un"/"au" and English "us" would match. */
static int looks_caps(const char *s, size_t n)
{
	size_t i, letters = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'a' && c <= 'z')
			return 0;
		if (c >= 'A' && c <= 'Z')
			letters++;
		else if (c != '.' && c != ' ' && c != '-' && c != '&' && !(c >= '0' && c <= '9'))
			return 0;
	}
	return letters >= 2 && letters <= 5;
}

/* A proper name written capitalized ("Austin", "Xi", "Trump") must be
 * capitalized in text, or the city, the word and the verb would match. */
static int starts_upper(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0], c2 = n > 1 ? (unsigned char)s[1] : 0;

	if (c >= 'A' && c <= 'Z')
		return 1;
	/* Latin-1 capitals: "Élysée", "Ö..." (U+00C0-U+00DE) */
	return c == 0xC3 && c2 >= 0x80 && c2 <= 0x9E && c2 != 0x97;
}

struct opts {
	int kind;           /* -1: by default */
	int casemode;       /* -1: per phrase */
	int ref, ref_count;
	pw_role role;
	const char *const *members;
	const char *const *within;
};

/* Parse the options after the code. Returns 0 or -1 (error reported). */
static int parse_opts(pw_actordict *d, pw_dictfile *f, const char *where, const char *p,
		      const char *e, struct opts *o)
{
	while ((p = skip_ws(p, e)) < e) {
		const char *w = p, *eq, *v;
		size_t kl, vl;
		int bad = 0;

		while (p < e && *p != ' ' && *p != '\t')
			p++;
		/* shorthand date range: 2021-04-02..2023-07-26, 2021-04-02.., ..2023-07-26 */
		eq = memchr(w, '=', (size_t)(p - w));
		if (!eq) {
			const char *dots = NULL, *q;

			for (q = w; q + 1 < p; q++)
				if (q[0] == '.' && q[1] == '.') {
					dots = q;
					break;
				}
			if (!dots) {
				pw_actordict_error(d, f, where, "unexpected '%.*s' (options are key=value)",
						   (int)(p - w), w);
				return -1;
			}
			if ((dots > w && !pw_date_ok(w, (size_t)(dots - w))) ||
			    (dots + 2 < p && !pw_date_ok(dots + 2, (size_t)(p - dots - 2)))) {
				pw_actordict_error(d, f, where, "bad date range '%.*s' (YYYY-MM-DD..YYYY-MM-DD)",
						   (int)(p - w), w);
				return -1;
			}
			if (dots > w)
				memcpy(o->role.from, w, 10);
			if (dots + 2 < p)
				memcpy(o->role.until, dots + 2, 10);
			continue;
		}
		kl = (size_t)(eq - w);
		v = eq + 1;
		vl = (size_t)(p - v);
#define KEY(s) (kl == sizeof(s) - 1 && !memcmp(w, s, kl))
#define VAL(s) (vl == sizeof(s) - 1 && !memcmp(v, s, vl))
		if (KEY("kind")) {
			if (VAL("name")) o->kind = PW_ENTRY_NAME;
			else if (VAL("adj")) o->kind = PW_ENTRY_ADJ;
			else if (VAL("metonym")) o->kind = PW_ENTRY_METONYM;
			else if (VAL("agent")) o->kind = PW_ENTRY_AGENT;
			else if (VAL("group")) o->kind = PW_ENTRY_GROUP;
			else if (VAL("ref")) o->kind = PW_ENTRY_REF;
			else bad = 1;
		} else if (KEY("case")) {
			if (VAL("any")) o->casemode = PW_CASE_ANY;
			else if (VAL("cap")) o->casemode = PW_CASE_CAP;
			else if (VAL("caps")) o->casemode = PW_CASE_CAPS;
			else bad = 1;
		} else if (KEY("from") || KEY("until")) {
			if (!pw_date_ok(v, vl))
				bad = 1;
			else
				memcpy(KEY("from") ? o->role.from : o->role.until, v, 10);
		} else if (KEY("sector")) {
			size_t i;

			if (vl == 0 || vl >= sizeof(o->role.sector))
				bad = 1;
			for (i = 0; i < vl; i++)
				if (v[i] < 'A' || v[i] > 'Z')
					bad = 1;
			if (!bad) {
				memset(o->role.sector, 0, sizeof(o->role.sector));
				memcpy(o->role.sector, v, vl);
			}
		} else if (KEY("country")) {
			if (vl != 3 || v[0] < 'A' || v[0] > 'Z')
				bad = 1;
			else
				memcpy(o->role.country, v, 3);
		} else if (KEY("members") || KEY("within")) {
			const char *const *l = code_list(d, v, vl, &bad);

			if (!l)
				return PW_ENOMEM;
			if (KEY("members"))
				o->members = l;
			else
				o->within = l;
		} else if (KEY("ref")) {
			if (VAL("count")) o->ref = PW_REF_COUNT;
			else if (VAL("pronoun")) o->ref = PW_REF_PRONOUN;
			else if (VAL("within")) o->ref = PW_REF_WITHIN;
			else bad = 1;
		} else if (KEY("n")) {
			if (vl != 1 || v[0] < '1' || v[0] > '9')
				bad = 1;
			else
				o->ref_count = v[0] - '0';
		} else if (KEY("lang")) {
			if (!VAL("en") && !VAL("fr"))
				bad = 1;
		} else {
			pw_actordict_error(d, f, where, "unknown option '%.*s'", (int)kl, w);
			return -1;
		}
#undef KEY
#undef VAL
		if (bad) {
			pw_actordict_error(d, f, where, "bad value in '%.*s'", (int)(p - w), w);
			return -1;
		}
	}
	if (o->role.from[0] && o->role.until[0] && strcmp(o->role.from, o->role.until) >= 0) {
		pw_actordict_error(d, f, where, "from=%s is not before until=%s", o->role.from,
				   o->role.until);
		return -1;
	}
	return 0;
}

/* One line of our format. Returns 0, -1 for a reported bad line, or a
 * negative PW_E* for a failure. */
static int parse_line(pw_actordict *d, pw_dictfile *f, uint16_t fidx, const char *where,
		      const char *line, size_t len)
{
	const char *e = line + len, *arrow = NULL, *p, *code, *code_end, *hash;
	struct opts o;
	int32_t ent, merged[8];
	size_t nmerged = 0, nphr = 0;
	int rc;

	hash = memchr(line, '#', len);
	if (hash)
		e = hash;
	e = trim_end(line, e);
	line = skip_ws(line, e);
	if (line == e)
		return 0;
	for (p = line; p + 1 < e; p++)
		if (p[0] == '=' && p[1] == '>') {
			arrow = p;
			break;
		}
	f->lines++;
	if (!arrow) {
		pw_actordict_error(d, f, where, "missing '=>' between phrases and code");
		return -1;
	}
	code = skip_ws(arrow + 2, e);
	for (code_end = code; code_end < e && *code_end != ' ' && *code_end != '\t'; code_end++)
		;
	memset(&o, 0, sizeof(o));
	o.kind = -1;
	o.casemode = -1;
	if (code_end == code) {
		pw_actordict_error(d, f, where, "missing code after '=>'");
		return -1;
	}
	if (code_end - code == 1 && *code == '*') {
		o.role.next = -1; /* references take their code from the antecedent */
	} else if (pw_role_from_code(&o.role, code, (size_t)(code_end - code))) {
		pw_actordict_error(d, f, where,
				   "bad code '%.*s' (3-31 capital letters/digits, or ~SECTOR for an agent)",
				   (int)(code_end - code), code);
		return -1;
	}
	if ((rc = parse_opts(d, f, where, code_end, e, &o)))
		return rc;
	if (o.kind < 0)
		o.kind = o.members ? PW_ENTRY_GROUP : code[0] == '~' ? PW_ENTRY_AGENT
			 : *code == '*' ? PW_ENTRY_REF : PW_ENTRY_NAME;
	if (o.kind == PW_ENTRY_GROUP && !o.members) {
		pw_actordict_error(d, f, where, "kind=group needs members=ISO3,ISO3,...");
		return -1;
	}
	if (o.kind == PW_ENTRY_REF && !o.ref) {
		pw_actordict_error(d, f, where, "kind=ref needs ref=count|pronoun|within");
		return -1;
	}
	if (o.ref == PW_REF_COUNT && !o.ref_count) {
		pw_actordict_error(d, f, where, "ref=count needs n=N");
		return -1;
	}
	if (o.kind != PW_ENTRY_REF && *code == '*') {
		pw_actordict_error(d, f, where, "code '*' is only for kind=ref");
		return -1;
	}
	if (o.kind == PW_ENTRY_AGENT && code[0] != '~') {
		pw_actordict_error(d, f, where, "an agent's code is ~SECTOR (e.g. ~MIL)");
		return -1;
	}
	if ((rc = pw_actordict_entry_new(d, &ent)))
		return rc;
	{
		pw_entry *en = &d->entries[ent];

		en->kind = (uint8_t)o.kind;
		en->casemode = o.casemode < 0 ? 0 : (uint8_t)o.casemode;
		en->ref = (uint8_t)o.ref;
		en->ref_count = (uint8_t)o.ref_count;
		en->file = fidx;
		en->members = o.members;
		en->within = o.within;
		en->where = pw_actordict_strdup(d, where, strlen(where));
		en->phrase = pw_actordict_strdup(d, line, (size_t)(trim_end(line, arrow) - line));
		if (!en->where || !en->phrase)
			return PW_ENOMEM;
	}
	if (o.kind == PW_ENTRY_REF || o.role.code[0] || o.role.sector[0])
		if ((rc = pw_entry_add_role(d, ent, &o.role)))
			return rc;
	if (o.members && (rc = add_group(d, ent)))
		return rc;
	/* the phrases */
	for (p = line; p < arrow;) {
		const char *s = skip_ws(p, arrow), *q = s, *pe;
		int32_t existing = -1;
		uint8_t cm;

		while (q < arrow && *q != '|')
			q++;
		pe = trim_end(s, q);
		p = q + 1;
		if (pe == s) {
			pw_actordict_error(d, f, where, "empty phrase");
			return -1;
		}
		cm = o.casemode >= 0 ? (uint8_t)o.casemode
				     : looks_caps(s, (size_t)(pe - s)) ? PW_CASE_CAPS
				     : o.kind != PW_ENTRY_ADJ && o.kind != PW_ENTRY_AGENT &&
					       o.kind != PW_ENTRY_REF && starts_upper(s, (size_t)(pe - s))
					       ? PW_CASE_CAP : PW_CASE_ANY;
		rc = pw_dict_add_phrase(d, s, (size_t)(pe - s), ent, cm, &existing);
		if (rc == PW_ELIMIT || rc == PW_EINVAL) {
			pw_actordict_error(d, f, where, "phrase '%.*s' is %s", (int)(pe - s), s,
					   rc == PW_ELIMIT ? "longer than 32 words" : "empty after folding");
			return -1;
		}
		if (rc < 0)
			return rc;
		nphr++;
		f->phrases++;
		if (rc == 1)
			continue;
		if (d->entries[existing].file == fidx && d->entries[existing].kind == o.kind &&
		    existing != ent) {
			/* same phrase again in the same file: one more role of that entry */
			size_t i;

			for (i = 0; i < nmerged; i++)
				if (merged[i] == existing)
					break;
			if (i == nmerged && nmerged < PW_ARRAY_LEN(merged)) {
				merged[nmerged++] = existing;
				if (o.role.code[0] && (rc = pw_entry_add_role(d, existing, &o.role)))
					return rc;
			}
		} else if (existing != ent) {
			f->shadowed++;
		}
	}
	(void)nphr;
	f->by_kind[o.kind]++;
	return 0;
}

static int read_file(pw_actordict *d, const char *path, char **out, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	pw_buf b;
	char tmp[65536];
	size_t n;

	if (!fp)
		return pw_error_set(d->ctx, PW_EIO, "%s: cannot open: %s", path, strerror(errno));
	pw_buf_init(&b, d->ctx);
	while ((n = fread(tmp, 1, sizeof(tmp), fp)) > 0)
		if (pw_buf_append(&b, tmp, n)) {
			fclose(fp);
			pw_buf_free(&b);
			return pw_error_set(d->ctx, PW_ENOMEM, "out of memory reading %s", path);
		}
	fclose(fp);
	pw_buf_cstr(&b);
	if (b.oom) {
		pw_buf_free(&b);
		return PW_ENOMEM;
	}
	*out = pw_buf_detach(&b, len);
	if (!*out) {
		*out = pw_strdup(d->ctx, "");
		*len = 0;
		if (!*out)
			return PW_ENOMEM;
	}
	return 0;
}

int pw_actordict_load_file(pw_actordict *d, const char *path, const char *shown, const char *format)
{
	char *text;
	size_t len, ln = 0;
	const char *p, *e;
	pw_dictfile *f;
	uint16_t fidx;
	int rc;

	if (!format) {
		const char *base = strrchr(shown, '/');

		base = base ? base + 1 : shown;
		format = strstr(base, "agents.txt") && !strncmp(base, "Phoenix", 7) ? "phoenix-agents"
			 : strstr(base, ".actors.txt") ? "phoenix-actors" : "pactwatch";
	}
	if (strcmp(format, "pactwatch") && strcmp(format, "phoenix-actors") &&
	    strcmp(format, "phoenix-agents"))
		return pw_error_set(d->ctx, PW_EDICT, "%s: unknown dictionary format '%s'", shown, format);
	if (d->n_files >= UINT16_MAX)
		return pw_error_set(d->ctx, PW_ELIMIT, "too many dictionary files");
	if ((rc = read_file(d, path, &text, &len)))
		return rc;
	f = pw_actordict_add_file(d, shown,
				  !strcmp(format, "pactwatch") ? "pactwatch"
				  : !strcmp(format, "phoenix-agents") ? "phoenix-agents" : "phoenix-actors");
	if (!f) {
		pw_free(d->ctx, text);
		return PW_ENOMEM;
	}
	fidx = (uint16_t)(d->n_files - 1);
	/* Phoenix files hold about one new word per 60 bytes and one edge per
	 * 40 (the tables are then sized once, not doubled five times) */
	if (pw_trie_reserve(d, len / 32, len / 24)) {
		pw_free(d->ctx, text);
		return PW_ENOMEM;
	}
	if (strcmp(format, "pactwatch")) {
		rc = pw_phoenix_load(d, f, fidx, text, len, !strcmp(format, "phoenix-agents"));
		pw_free(d->ctx, text);
		return rc;
	}
	for (p = text, e = text + len; p < e;) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		const char *le = nl ? nl : e;
		char where[300];

		ln++;
		snprintf(where, sizeof(where), "%s:%zu", shown, ln);
		size_t errs0 = f->errors; /* fix: PW_ENOMEM is -1 like a bad line: tell them apart (found by test_faults) */
		rc = parse_line(d, f, fidx, where, p, (size_t)(le - p));
		if (rc < -1 || (rc == PW_ENOMEM && f->errors == errs0)) {
			pw_free(d->ctx, text);
			return rc;
		}
		p = nl ? nl + 1 : e;
	}
	pw_free(d->ctx, text);
	return 0;
}

/* countries.tsv: header, then iso3 iso2 numeric name_en name_fr lat lon region. */
static int load_countries(pw_actordict *d)
{
	char *path = pw_data_path(d->ctx, "countries.tsv"), *text;
	size_t len, n = 0, cap = 0;
	const char *p, *e;
	int rc;

	if (!path)
		return PW_ENOMEM;
	rc = read_file(d, path, &text, &len);
	pw_free(d->ctx, path);
	if (rc == PW_EIO) {
		pw_error_clear(d->ctx);
		return 0; /* optional: names are a convenience */
	}
	if (rc)
		return rc;
	for (p = text, e = text + len; p < e;) {
		const char *nl = memchr(p, '\n', (size_t)(e - p)), *le = nl ? nl : e;
		const char *t1 = memchr(p, '\t', (size_t)(le - p));

		if (p != text && t1 && t1 - p == 3) {
			const char *c2 = memchr(t1 + 1, '\t', (size_t)(le - t1 - 1));
			const char *c3 = c2 ? memchr(c2 + 1, '\t', (size_t)(le - c2 - 1)) : NULL;
			const char *c4 = c3 ? memchr(c3 + 1, '\t', (size_t)(le - c3 - 1)) : NULL;

			if (c4) {
				if (n == cap) {
					size_t nc = cap ? cap * 2 : 256;
					char(*a3)[4] = pw_realloc(d->ctx, d->iso3, nc * sizeof(*a3));
					const char **nm;

					if (a3)
						d->iso3 = a3;
					nm = a3 ? pw_realloc(d->ctx, d->cname, nc * sizeof(*nm)) : NULL;
					if (!nm) {
						pw_free(d->ctx, text);
						return PW_ENOMEM;
					}
					d->cname = nm;
					cap = nc;
				}
				memcpy(d->iso3[n], p, 3);
				d->iso3[n][3] = '\0';
				d->cname[n] = pw_actordict_strdup(d, c3 + 1, (size_t)(c4 - c3 - 1));
				if (!d->cname[n]) {
					pw_free(d->ctx, text);
					return PW_ENOMEM;
				}
				n++;
			}
		}
		p = nl ? nl + 1 : e;
	}
	d->n_countries = n;
	pw_free(d->ctx, text);
	return 0;
}

int pw_actordict_load_conf(pw_actordict *d, const char *conf_rel)
{
	char *path = pw_data_path(d->ctx, conf_rel), *text;
	size_t len, ln = 0;
	const char *p, *e;
	int rc;

	if (!path)
		return PW_ENOMEM;
	rc = read_file(d, path, &text, &len);
	pw_free(d->ctx, path);
	if (rc)
		return rc;
	for (p = text, e = text + len; p < e;) {
		const char *nl = memchr(p, '\n', (size_t)(e - p)), *le = nl ? nl : e;
		char fmt[32], rel[512];
		int k;

		ln++;
		if (le - p < 500 && (k = sscanf(p, "%31s %511s", fmt, rel)) >= 1 && fmt[0] != '#') {
			char *full;

			if (k != 2) {
				char where[300];

				snprintf(where, sizeof(where), "%s:%zu", conf_rel, ln);
				pw_actordict_error(d, NULL, where, "expected 'FORMAT PATH'");
			} else {
				full = pw_data_path(d->ctx, rel);
				if (!full) {
					rc = PW_ENOMEM;
					break;
				}
				rc = pw_actordict_load_file(d, full, rel, fmt);
				pw_free(d->ctx, full);
				if (rc == PW_EIO || (rc == PW_EDICT && d->report)) {
					char where[300];

					snprintf(where, sizeof(where), "%s:%zu", conf_rel, ln);
					pw_actordict_error(d, NULL, where, "%s", pw_error_last(d->ctx));
					rc = 0;
				}
				if (rc)
					break;
			}
		}
		p = nl ? nl + 1 : e;
	}
	pw_free(d->ctx, text);
	if (rc)
		return rc;
	return load_countries(d);
}

static void actordict_free_cb(struct pw_actordict *d)
{
	pw_actordict_free(d);
}

int pw_actordict_new(pw_actordict **out, pw_context *ctx)
{
	pw_actordict *d = pw_calloc(ctx, 1, sizeof(*d));

	*out = NULL;
	if (!d)
		return PW_ENOMEM;
	d->ctx = ctx;
	pw_arena_init(&d->arena, ctx, 256 * 1024);
	pw_buf_init(&d->ipool, ctx);
	pw_arena_init(&d->scratch, ctx, 16 * 1024);
	if (pw_trie_init(d)) {
		pw_actordict_free(d);
		return PW_ENOMEM;
	}
	*out = d;
	return 0;
}

void pw_actordict_free(pw_actordict *d)
{
	if (!d)
		return;
	pw_trie_free(d);
	pw_arena_free(&d->scratch);
	pw_tokens_free(&d->stoks, d->ctx);
	pw_free(d->ctx, d->entries);
	pw_free(d->ctx, d->roles);
	pw_free(d->ctx, d->files);
	pw_free(d->ctx, d->groups);
	pw_free(d->ctx, d->iso3);
	pw_free(d->ctx, d->cname);
	pw_arena_free(&d->arena);
	pw_free(d->ctx, d);
}

static void cache_ids(pw_actordict *d)
{
	d->id_of = pw_intern_add(d, "of", 2);
	d->id_de = pw_intern_add(d, "de", 2);
	d->id_du = pw_intern_add(d, "du", 2);
	d->id_des = pw_intern_add(d, "des", 3);
	d->id_d = pw_intern_add(d, "d", 1);
	d->id_la = pw_intern_add(d, "la", 2);
	d->id_l = pw_intern_add(d, "l", 1);
	d->id_the = pw_intern_add(d, "the", 3);
	d->id_hyphen = pw_intern_add(d, "-", 1);
	d->id_in = pw_intern_add(d, "in", 2);
	d->id_en = pw_intern_add(d, "en", 2);
}

int pw_actors_load(pw_context *ctx)
{
	pw_actordict *d;
	int rc;

	if (ctx->actors)
		return 0;
	if ((rc = pw_actordict_new(&d, ctx)))
		return pw_error_set(ctx, rc, "out of memory loading the actor dictionaries");
	rc = pw_actordict_load_conf(d, "actors/dictionaries.conf");
	if (!rc && d->n_errors)
		rc = pw_error_set(ctx, PW_EDICT, "%s", d->first_error);
	if (!rc)
		cache_ids(d);
	if (rc) {
		if (rc == PW_ENOMEM)
			pw_error_set(ctx, rc, "out of memory loading the actor dictionaries");
		pw_actordict_free(d);
		return rc;
	}
	ctx->actors = d;
	ctx->actors_free = actordict_free_cb;
	return 0;
}

const char *const *pw_actors_group_members(pw_context *ctx, const char *code)
{
	pw_actordict *d = ctx->actors;
	size_t i;

	if (!d || !code)
		return NULL;
	for (i = 0; i < d->n_groups; i++) {
		const pw_entry *e = &d->entries[d->groups[i]];

		if (e->role0 >= 0 && !strcmp(d->roles[e->role0].code, code))
			return e->members;
	}
	return NULL;
}

const char *pw_actors_country_name(pw_context *ctx, const char *iso3)
{
	pw_actordict *d = ctx->actors;
	size_t i;

	if (!d || !iso3)
		return NULL;
	for (i = 0; i < d->n_countries; i++)
		if (!strcmp(d->iso3[i], iso3))
			return d->cname[i];
	return NULL;
}
