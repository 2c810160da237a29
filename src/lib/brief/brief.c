/*
 * The brief: the weekly note an analyst sends to colleagues, written from
 * the tracker's answers (changes and incidents in a period). One walk over
 * the data emits either Markdown or HTML through a tiny writer with two
 * escapers; the HTML is self-contained (inline CSS and an inline SVG map)
 * so it survives being mailed as an attachment.
 */
#include "core/internal.h"
#include "pactwatch/brief.h"
#include "pactwatch/tracker.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* ---- countries (data/countries.tsv: iso3 iso2 numeric name_en name_fr lat lon region) */

struct country {
	char iso3[4];
	char name[64];
	double lat, lon;
};

struct countries {
	struct country *v;
	size_t n;
};

static int countries_load(struct countries *cs, pw_context *ctx)
{
	char *path = pw_data_path(ctx, "countries.tsv");
	char line[512];
	FILE *f;
	unsigned lineno = 0;

	cs->v = NULL;
	cs->n = 0;
	if (!path)
		return PW_ENOMEM;
	f = fopen(path, "r");
	if (!f) {
		int rc = pw_error_set(ctx, PW_EIO, "%s: %s", path, strerror(errno));
		pw_free(ctx, path);
		return rc;
	}
	while (fgets(line, sizeof(line), f)) {
		char *col[8], *p;
		int k = 0;
		struct country *nv;

		lineno++;
		if (lineno == 1 || line[0] == '#')
			continue;
		line[strcspn(line, "\r\n")] = 0;
		/* empty fields count: no strtok, which would merge them */
		for (p = line; p && k < 8; k++) {
			col[k] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = 0;
		}
		if (k < 7 || strlen(col[0]) != 3) {
			/* a bad row costs one country's name on the map, not the brief */
			pw_diag_emit(ctx, PW_DIAG_WARNING, path, lineno, UINT64_MAX, NULL,
				     "countries.tsv: expected 8 tab-separated columns: row skipped");
			continue;
		}
		nv = pw_realloc(ctx, cs->v, (cs->n + 1) * sizeof(*nv));
		if (!nv)
			break;
		cs->v = nv;
		snprintf(nv[cs->n].iso3, sizeof(nv[cs->n].iso3), "%s", col[0]);
		snprintf(nv[cs->n].name, sizeof(nv[cs->n].name), "%s", col[3]);
		nv[cs->n].lat = atof(col[5]);
		nv[cs->n].lon = atof(col[6]);
		cs->n++;
	}
	fclose(f);
	pw_free(ctx, path);
	return 0;
}

static const struct country *country_find(const struct countries *cs, const char *iso3)
{
	size_t i;

	for (i = 0; iso3 && i < cs->n; i++)
		if (!strcmp(cs->v[i].iso3, iso3))
			return &cs->v[i];
	return NULL;
}

static const char *cname(const struct countries *cs, const char *iso3)
{
	const struct country *c = country_find(cs, iso3);

	return c ? c->name : iso3;
}

/* ---- writer ------------------------------------------------------------ */

struct w {
	FILE *f;
	int html;
	pw_context *ctx;
	const pw_brief_options *o;
	struct countries cs;
};

static void out(struct w *w, const char *s)
{
	fputs(s, w->f);
}

/* Text from the news: HTML-escaped, or Markdown with the characters that
 * would start markup neutralized. */
static void text(struct w *w, const char *s)
{
	for (; s && *s; s++) {
		if (w->html) {
			switch (*s) {
			case '<': out(w, "&lt;"); continue;
			case '>': out(w, "&gt;"); continue;
			case '&': out(w, "&amp;"); continue;
			case '"': out(w, "&quot;"); continue;
			default: break;
			}
		} else if (*s == '\n') {
			fputc(' ', w->f);
			continue;
		} else if (*s == '[' || *s == ']' || *s == '*' || *s == '_' || *s == '`') {
			fputc('\\', w->f);
		}
		fputc(*s, w->f);
	}
}

static void pair_name(struct w *w, const char *a, const char *b)
{
	text(w, cname(&w->cs, a));
	out(w, w->html ? " &ndash; " : " – ");
	text(w, cname(&w->cs, b));
}

/* ---- sources ------------------------------------------------------------ */

static void source_item(struct w *w, const pw_stored_event *e)
{
	const char *label = e->title ? e->title : e->ev.doc;

	if (w->html) {
		out(w, "<li>");
		if (e->ev.url) {
			out(w, "<a href=\"");
			text(w, e->ev.url);
			out(w, "\">");
			text(w, label);
			out(w, "</a>");
		} else {
			text(w, label);
		}
		fprintf(w->f, " <span class=\"meta\">");
		text(w, e->ev.source ? e->ev.source : "");
		fprintf(w->f, "%s%s</span></li>\n", e->ev.source ? ", " : "", e->ev.date);
	} else {
		out(w, "  - ");
		if (e->ev.url) {
			out(w, "[");
			text(w, label);
			fprintf(w->f, "](%s)", e->ev.url);
		} else {
			text(w, label);
		}
		out(w, " (");
		if (e->ev.source) {
			text(w, e->ev.source);
			out(w, ", ");
		}
		fprintf(w->f, "%s; doc `%s`)\n", e->ev.date, e->ev.doc ? e->ev.doc : "");
	}
}

/* The sources of an item: its evidence first, then the other reports of
 * the same incident, one per document. */
static void sources(struct w *w, const pw_stored_event *ev, const pw_incident *inc)
{
	size_t max = w->o->max_sources ? w->o->max_sources : 4, k = 0, i, j;
	const char *seen[64];

	out(w, w->html ? "<ul class=\"src\">\n" : "");
	if (ev) {
		source_item(w, ev);
		seen[k++] = ev->ev.doc;
	}
	for (i = 0; inc && i < inc->nevents && k < max && k < 64; i++) {
		const pw_stored_event *e = inc->events[i];
		int dup = 0;

		for (j = 0; j < k && !dup; j++)
			dup = seen[j] && e->ev.doc && !strcmp(seen[j], e->ev.doc);
		if (dup)
			continue;
		source_item(w, e);
		seen[k++] = e->ev.doc;
	}
	out(w, w->html ? "</ul>\n" : "");
}

static void quote(struct w *w, const char *sentence)
{
	if (!sentence)
		return;
	if (w->html) {
		out(w, "<blockquote>");
		text(w, sentence);
		out(w, "</blockquote>\n");
	} else {
		out(w, "  > ");
		text(w, sentence);
		out(w, "\n");
	}
}

/* ---- sections ----------------------------------------------------------- */

static void heading(struct w *w, const char *h, size_t n)
{
	if (w->html)
		fprintf(w->f, "<h2>%s <span class=\"count\">%zu</span></h2>\n", h, n);
	else
		fprintf(w->f, "\n## %s (%zu)\n\n", h, n);
}

static void section_changes(struct w *w, const pw_change_list *cl, const pw_incident_list *il)
{
	size_t i;

	heading(w, "What changed", cl->n);
	if (!cl->n)
		out(w, w->html ? "<p class=\"none\">No partnership changed state in this period.</p>\n"
			       : "No partnership changed state in this period.\n");
	for (i = 0; i < cl->n; i++) {
		const pw_change *c = &cl->items[i];
		const pw_incident *inc = pw_incident_find(il, c->evidence);

		if (w->html) {
			fprintf(w->f, "<div class=\"item %s\"><div class=\"head\"><span class=\"date\">%s</span> <b>",
				c->to, c->date);
			pair_name(w, c->a, c->b);
			fprintf(w->f, "</b> <span class=\"dom\">%s</span> <span class=\"st\">%s &rarr; <b>%s</b></span>",
				c->domain, c->from, c->to);
			fprintf(w->f, " <span class=\"n\">%zu source%s</span></div>\n", inc ? inc->nsources : 1,
				inc && inc->nsources > 1 ? "s" : "");
		} else {
			out(w, "- **");
			pair_name(w, c->a, c->b);
			fprintf(w->f, "** (%s): %s → **%s**, %s — %zu source%s\n", c->domain, c->from, c->to,
				c->date, inc ? inc->nsources : 1, inc && inc->nsources > 1 ? "s" : "");
		}
		quote(w, c->evidence ? c->evidence->ev.text : NULL);
		sources(w, c->evidence, inc);
		out(w, w->html ? "</div>\n" : "");
	}
}

static int wanted(const pw_incident *inc, const char *const *subs)
{
	size_t i;

	for (i = 0; subs[i]; i++)
		if (inc->security && !strcmp(inc->security, subs[i]))
			return 1;
	return 0;
}

/* Counted modalities only: a brief reports what happened or was
 * announced, not speculation or denials. */
static int counted(const pw_incident *inc)
{
	size_t i;

	for (i = 0; i < inc->nevents; i++) {
		const char *m = inc->events[i]->ev.modality;
		if (m && (!strcmp(m, "asserted") || !strcmp(m, "historical")))
			return 1;
	}
	return 0;
}

static void section_incidents(struct w *w, const char *title, const pw_incident_list *il,
			      const char *const *subs)
{
	size_t i, n = 0;

	for (i = 0; i < il->n; i++)
		n += wanted(&il->items[i], subs) && counted(&il->items[i]);
	heading(w, title, n);
	if (!n)
		out(w, w->html ? "<p class=\"none\">None reported.</p>\n" : "None reported.\n");
	for (i = 0; i < il->n; i++) {
		const pw_incident *inc = &il->items[i];
		const pw_stored_event *first = inc->nevents ? inc->events[0] : NULL;

		if (!wanted(inc, subs) || !counted(inc))
			continue;
		if (w->html) {
			fprintf(w->f, "<div class=\"item\"><div class=\"head\"><span class=\"date\">%s</span> <b>",
				inc->first);
			pair_name(w, inc->a, inc->b);
			fprintf(w->f, "</b> <span class=\"dom\">%s</span> <span class=\"n\">%zu source%s</span></div>\n",
				inc->security, inc->nsources, inc->nsources > 1 ? "s" : "");
		} else {
			out(w, "- **");
			pair_name(w, inc->a, inc->b);
			fprintf(w->f, "** (%s), %s — %zu source%s\n", inc->security, inc->first, inc->nsources,
				inc->nsources > 1 ? "s" : "");
		}
		quote(w, first ? first->ev.text : NULL);
		sources(w, first, inc);
		out(w, w->html ? "</div>\n" : "");
	}
}

/* ---- map ---------------------------------------------------------------- */

/* Equirectangular, framed on the Sahel and its partners: longitudes -20..60,
 * latitudes -10..55. Partners outside the frame (the US, eastern Russia)
 * are pinned to its edge, where their label still reads. */
#define MAP_W 720.0
#define MAP_H 420.0
static void project(const struct country *c, double *x, double *y)
{
	double lon = c->lon, lat = c->lat;

	if (!strcmp(c->iso3, "RUS"))
		lon = 37.6, lat = 55.7; /* Moscow: the centroid is in Siberia */
	if (!strcmp(c->iso3, "USA"))
		lon = -20, lat = 38.9;
	lon = lon < -20 ? -20 : lon > 60 ? 60 : lon;
	lat = lat < -10 ? -10 : lat > 56 ? 56 : lat;
	*x = 20 + (lon + 20) / 80.0 * (MAP_W - 40);
	*y = 20 + (56 - lat) / 66.0 * (MAP_H - 40);
}

static const char *state_colour(const char *st)
{
	if (!strcmp(st, "ended"))
		return "#c0392b";
	if (!strcmp(st, "active"))
		return "#1e8449";
	if (!strcmp(st, "agreed"))
		return "#2471a3";
	return "#7f8c8d";
}

static void map_svg(struct w *w, const pw_change_list *cl)
{
	const char *done[128];
	size_t nd = 0, i, j;

	fprintf(w->f, "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
		      "role=\"img\" aria-label=\"Map of the partnerships that changed\">\n"
		      "<rect width=\"100%%\" height=\"100%%\" fill=\"#eef3f7\"/>\n", MAP_W, MAP_H);
	/* latitude lines: the equator and the Sahel's band, for orientation */
	for (i = 0; i < 3; i++) {
		struct country g = {"", "", i == 0 ? 0.0 : i == 1 ? 12.0 : 24.0, 0};
		double x, y;
		project(&g, &x, &y);
		fprintf(w->f, "<line x1=\"20\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#cfd8e0\" "
			      "stroke-dasharray=\"4 4\"/><text x=\"24\" y=\"%.1f\" class=\"grid\">%s</text>\n",
			y, MAP_W - 20, y, y - 3, i == 0 ? "0°" : i == 1 ? "12°N" : "24°N");
	}
	for (i = 0; i < cl->n; i++) {
		const struct country *a = country_find(&w->cs, cl->items[i].a);
		const struct country *b = country_find(&w->cs, cl->items[i].b);
		double x1, y1, x2, y2;

		if (!a || !b)
			continue;
		project(a, &x1, &y1);
		project(b, &x2, &y2);
		/* the latest change of a pair decides its colour: later ones
		 * are drawn on top */
		fprintf(w->f, "<path d=\"M%.1f %.1f Q%.1f %.1f %.1f %.1f\" fill=\"none\" stroke=\"%s\" "
			      "stroke-width=\"2.5\" opacity=\"0.8\"><title>%s–%s %s: %s → %s (%s)</title></path>\n",
			x1, y1, (x1 + x2) / 2, (y1 + y2) / 2 - 30, x2, y2, state_colour(cl->items[i].to),
			a->name, b->name, cl->items[i].domain, cl->items[i].from, cl->items[i].to,
			cl->items[i].date);
	}
	for (i = 0; i < cl->n; i++) {
		const char *ends[2] = {cl->items[i].a, cl->items[i].b};
		for (j = 0; j < 2; j++) {
			const struct country *c = country_find(&w->cs, ends[j]);
			size_t k;
			int dup = 0;
			double x, y;

			for (k = 0; k < nd && !dup; k++)
				dup = !strcmp(done[k], ends[j]);
			if (!c || dup || nd >= PW_ARRAY_LEN(done))
				continue;
			done[nd++] = ends[j];
			project(c, &x, &y);
			fprintf(w->f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#34495e\"/>"
				      "<text x=\"%.1f\" y=\"%.1f\" class=\"lbl\">%s</text>\n",
				x, y, x + 7, y + 4, c->name);
		}
	}
	fprintf(w->f, "<g class=\"legend\" transform=\"translate(%.0f,%.0f)\">", MAP_W - 150, MAP_H - 80);
	{
		const char *sts[4] = {"discussed", "agreed", "active", "ended"};
		for (i = 0; i < 4; i++)
			fprintf(w->f, "<rect x=\"0\" y=\"%zu\" width=\"14\" height=\"4\" fill=\"%s\"/>"
				      "<text x=\"20\" y=\"%zu\">%s</text>", i * 16, state_colour(sts[i]),
				i * 16 + 5, sts[i]);
	}
	out(w, "</g>\n</svg>\n");
}

static const char CSS[] =
	"body{font:15px/1.5 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1c2833;"
	"max-width:860px;margin:2em auto;padding:0 1em;background:#fff}"
	"h1{font-size:1.6em;margin-bottom:.1em}h2{border-bottom:2px solid #d5dbdb;padding-bottom:.2em;"
	"margin-top:1.6em}.sub{color:#5d6d7e;margin-top:0}.count{color:#7f8c8d;font-weight:normal}"
	".item{border-left:4px solid #aab7b8;padding:.3em .8em;margin:.8em 0;background:#fbfcfc}"
	".item.ended{border-color:#c0392b}.item.active{border-color:#1e8449}.item.agreed{border-color:#2471a3}"
	".date{font-variant-numeric:tabular-nums;color:#5d6d7e}.dom,.n{font-size:.85em;color:#5d6d7e;"
	"background:#eaeded;border-radius:3px;padding:0 .4em}.st{margin-left:.3em}"
	"blockquote{margin:.4em 0;padding-left:.8em;border-left:2px solid #d5dbdb;color:#34495e;"
	"font-style:italic}ul.src{margin:.2em 0;padding-left:1.2em;font-size:.9em}.meta{color:#7f8c8d}"
	".none{color:#7f8c8d}.map{width:100%;height:auto;border:1px solid #d5dbdb;border-radius:4px}"
	".lbl{font-size:12px;fill:#1c2833}.grid{font-size:10px;fill:#95a5a6}.legend text{font-size:11px;"
	"fill:#34495e}footer{margin-top:2em;font-size:.8em;color:#7f8c8d}";

/* ---- the brief ---------------------------------------------------------- */

static const char *const S_AGREE[] = {"agreement", NULL};
static const char *const S_ARMS[] = {"arms", NULL};
static const char *const S_DEPLOY[] = {"deployment", "basing", "training", NULL};
static const char *const S_WITHDRAW[] = {"withdrawal", "suspension", NULL};

int pw_brief_write(FILE *f, pw_store *s, const pw_brief_options *o)
{
	pw_context *ctx = pw_store_context(s);
	pw_query q = PW_QUERY_INIT;
	pw_change_list *cl = NULL;
	pw_incident_list *il = NULL;
	struct w w;
	char period[80];
	int rc;

	if (!o || !o->since)
		return pw_error_set(ctx, PW_EINVAL, "brief: a start date (since) is required");
	memset(&w, 0, sizeof(w));
	w.f = f;
	w.html = o->format == PW_BRIEF_HTML;
	w.ctx = ctx;
	w.o = o;
	q.since = o->since;
	q.until = o->until;
	q.country = o->country;
	if ((rc = countries_load(&w.cs, ctx)) || (rc = pw_tracker_changes(&cl, s, &q)) ||
	    (rc = pw_tracker_incidents(&il, s, &q)))
		goto out;
	snprintf(period, sizeof(period), "%s to %s", o->since, o->until ? o->until : "today");
	if (w.html) {
		fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
			   "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
			   "<title>pactwatch brief, %s</title>\n<style>%s</style></head><body>\n", period, CSS);
		fprintf(f, "<h1>Security partnerships: brief</h1>\n<p class=\"sub\">%s", period);
		if (o->country) {
			out(&w, " &middot; ");
			text(&w, cname(&w.cs, o->country));
		}
		fprintf(f, " &middot; %zu change%s, %zu reported incident%s</p>\n", cl->n, cl->n == 1 ? "" : "s",
			il->n, il->n == 1 ? "" : "s");
		map_svg(&w, cl);
	} else {
		fprintf(f, "# Security partnerships: brief, %s", period);
		if (o->country) {
			out(&w, " (");
			text(&w, cname(&w.cs, o->country));
			out(&w, ")");
		}
		fprintf(f, "\n\n%zu partnership change%s, %zu reported incident%s.\n", cl->n,
			cl->n == 1 ? "" : "s", il->n, il->n == 1 ? "" : "s");
	}
	section_changes(&w, cl, il);
	section_incidents(&w, "New agreements", il, S_AGREE);
	section_incidents(&w, "Deliveries", il, S_ARMS);
	section_incidents(&w, "Deployments and training", il, S_DEPLOY);
	section_incidents(&w, "Withdrawals and suspensions", il, S_WITHDRAW);
	if (w.html)
		fprintf(f, "<footer>Generated by pactwatch %s from coded news events; every item links its "
			   "sources. Counted: asserted and historical reports.</footer>\n</body></html>\n",
			PW_VERSION);
	else
		fprintf(f, "\n---\nGenerated by pactwatch %s from coded news events. Counted: asserted and "
			   "historical reports.\n", PW_VERSION);
	if (fflush(f) || ferror(f))
		rc = pw_error_set(ctx, PW_EIO, "brief: write failed: %s", strerror(errno));
out:
	pw_change_list_free(cl);
	pw_incident_list_free(il);
	pw_free(ctx, w.cs.v);
	return rc;
}

/* ---- dates ---------------------------------------------------------------- */

int pw_brief_parse_since(char out[11], const char *spec, const char *today)
{
	struct tm tm;
	time_t t;
	char *end;
	long n;
	int days;

	if (!spec || !*spec)
		return PW_EINVAL;
	if (strlen(spec) == 10 && spec[4] == '-' && spec[7] == '-') {
		memcpy(out, spec, 11);
		return 0;
	}
	n = strtol(spec, &end, 10);
	if (end == spec || n < 0 || n > 36500 || (strcmp(end, "d") && strcmp(end, "w") && strcmp(end, "m")))
		return PW_EINVAL;
	days = (int)n * (!strcmp(end, "w") ? 7 : !strcmp(end, "m") ? 30 : 1);
	memset(&tm, 0, sizeof(tm));
	if (today) {
		if (strlen(today) != 10 || sscanf(today, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
			return PW_EINVAL;
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
	} else {
		t = time(NULL);
		gmtime_r(&t, &tm);
	}
	tm.tm_hour = 12;
	tm.tm_mday -= days;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
	return 0;
}
