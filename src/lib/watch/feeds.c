/*
 * Feed lists, durations, back-off, filters, the per-host interval and the
 * clock: the small policy pieces of the monitor, kept apart from the
 * poller so the unit tests reach them without a network.
 */
#include "watch/watch_internal.h"
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <time.h>

/* ---- feeds file ------------------------------------------------------ */

void pw_feed_specs_free(pw_context *ctx, pw_feed_spec *specs, size_t n)
{
	size_t i;

	for (i = 0; specs && i < n; i++)
		pw_free(ctx, specs[i].url);
	pw_free(ctx, specs);
}

static int parse_hint(pw_feed_spec *sp, const char *h)
{
	if (!strcmp(h, "auto"))
		sp->format = PW_INPUT_AUTO;
	else if (!strcmp(h, "rss"))
		sp->format = PW_INPUT_RSS;
	else if (!strcmp(h, "atom"))
		sp->format = PW_INPUT_ATOM;
	else if (!strcmp(h, "jsonl"))
		sp->format = PW_INPUT_JSONL, sp->jsonl = 1;
	else
		return -1;
	return 0;
}

int pw_feed_specs_load(pw_feed_spec **out, size_t *n, pw_context *ctx, const char *path)
{
	FILE *f = fopen(path, "r");
	pw_feed_spec *v = NULL;
	size_t cnt = 0;
	char line[4096];
	unsigned lineno = 0;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (!f)
		return pw_error_set(ctx, PW_EIO, "%s: %s", path, strerror(errno));
	while (!rc && fgets(line, sizeof(line), f)) {
		char *p = line, *url, *hint, *extra, *hash;
		pw_feed_spec sp;
		pw_feed_spec *nv;

		lineno++;
		/* a '#' inside a URL (fragment) is not a comment */
		for (hash = strchr(p, '#'); hash; hash = strchr(hash + 1, '#'))
			if (hash == p || isspace((unsigned char)hash[-1])) {
				*hash = 0;
				break;
			}
		url = strtok(p, " \t\r\n");
		if (!url)
			continue;
		hint = strtok(NULL, " \t\r\n");
		extra = strtok(NULL, " \t\r\n");
		memset(&sp, 0, sizeof(sp));
		if (strncmp(url, "http://", 7) && strncmp(url, "https://", 8)) {
			rc = pw_error_set(ctx, PW_EPARSE, "%s:%u: '%.200s' is not an http(s) URL", path,
					  lineno, url);
			break;
		}
		if (hint && parse_hint(&sp, hint)) {
			rc = pw_error_set(ctx, PW_EPARSE,
					  "%s:%u: unknown format '%.50s' (rss, atom, jsonl, auto)", path,
					  lineno, hint);
			break;
		}
		if (extra) {
			rc = pw_error_set(ctx, PW_EPARSE, "%s:%u: unexpected '%.50s' after the format",
					  path, lineno, extra);
			break;
		}
		nv = pw_realloc(ctx, v, (cnt + 1) * sizeof(*nv));
		if (!nv || !(sp.url = pw_strdup(ctx, url))) {
			if (nv)
				v = nv;
			rc = pw_error_set(ctx, PW_ENOMEM, "out of memory");
			break;
		}
		v = nv;
		v[cnt++] = sp;
	}
	fclose(f);
	if (!rc && !cnt)
		rc = pw_error_set(ctx, PW_EPARSE, "%s: no feed URL", path);
	if (rc) {
		pw_feed_specs_free(ctx, v, cnt);
		return rc;
	}
	*out = v;
	*n = cnt;
	return 0;
}

/* ---- durations, back-off, filters ------------------------------------ */

int pw_watch_parse_duration(long *out_ms, const char *s)
{
	char *end;
	double v;

	*out_ms = 0;
	if (!s || !*s)
		return PW_EINVAL;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || v < 0)
		return PW_EINVAL;
	if (!*end || !strcmp(end, "s"))
		v *= 1000;
	else if (!strcmp(end, "ms"))
		;
	else if (!strcmp(end, "m"))
		v *= 60e3;
	else if (!strcmp(end, "h"))
		v *= 3600e3;
	else if (!strcmp(end, "d"))
		v *= 86400e3;
	else
		return PW_EINVAL;
	if (v > 366.0 * 86400e3)
		return PW_EINVAL;
	*out_ms = (long)v;
	return 0;
}

long pw_watch_backoff_ms(long base_ms, long max_ms, unsigned attempt)
{
	long d = base_ms;
	unsigned i;

	if (attempt == 0)
		return 0;
	for (i = 1; i < attempt && d < max_ms; i++)
		d *= 2;
	return d > max_ms ? max_ms : d;
}

/* Is `item` one of the comma-separated entries of list (case-insensitive)? */
static int in_list(const char *list, const char *item)
{
	size_t n = item ? strlen(item) : 0;
	const char *p = list;

	if (!item)
		return 0;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);

		while (l && *p == ' ')
			p++, l--;
		while (l && p[l - 1] == ' ')
			l--;
		if (l == n && !strncasecmp(p, item, n))
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

int pw_watch_filter_match(const pw_watch_options *o, const char *a, const char *b,
			  const char *domain, unsigned nsources)
{
	if (o->countries && *o->countries && !in_list(o->countries, a) && !in_list(o->countries, b))
		return 0;
	if (o->domains && *o->domains && !in_list(o->domains, domain))
		return 0;
	if (o->min_sources > 1 && nsources < o->min_sources)
		return 0;
	return 1;
}

/* ---- queries --------------------------------------------------------- */

struct str_row {
	pw_context *ctx;
	char *s;
	int oom;
};

static int str_row_cb(void *ud, int ncol, const char *const *v)
{
	struct str_row *r = ud;

	if (ncol > 0 && v[0] && !(r->s = pw_strdup(r->ctx, v[0])))
		r->oom = 1;
	return 1;
}

int pw_watch_query_str(pw_watch *w, char **out, const char *sql, int np, const char *const *params)
{
	struct str_row r = {w->ctx, NULL, 0};
	int rc = pw_store_watch_sql(w->s, sql, np, params, str_row_cb, &r);

	if (!rc && r.oom)
		rc = pw_error_set(w->ctx, PW_ENOMEM, "out of memory");
	*out = r.s;
	return rc;
}

/* ---- clock, sleep, log ----------------------------------------------- */

long long pw_watch_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int pw_watch_stopped(const pw_watch *w)
{
	return w->o.stop && *w->o.stop;
}

int pw_watch_sleep(const pw_watch *w, long ms)
{
	/* in slices, so a SIGTERM during a long back-off is honoured quickly */
	while (ms > 0 && !pw_watch_stopped(w)) {
		long step = ms > 100 ? 100 : ms;
		struct timespec ts = {step / 1000, (step % 1000) * 1000000L};

		nanosleep(&ts, NULL);
		ms -= step;
	}
	return pw_watch_stopped(w);
}

void pw_watch_log(const pw_watch *w, pw_watch_level lv, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (w->o.log)
		w->o.log(w->o.log_ud, lv, msg);
	else
		fprintf(stderr, "pactwatch watch: %s%s\n", lv == PW_WATCH_WARN ? "warning: " : "", msg);
}

/* "scheme://host:port" part of a URL, for the per-host interval. */
static void url_host(char *out, size_t cap, const char *url)
{
	const char *p = strstr(url, "://"), *e;

	p = p ? p + 3 : url;
	e = p + strcspn(p, "/?#");
	snprintf(out, cap, "%.*s", (int)(e - p), p);
}

void pw_watch_host_wait(pw_watch *w, const char *url)
{
	char host[256];
	size_t i;
	long long now;

	if (w->o.host_interval_ms < 0)
		return;
	url_host(host, sizeof(host), url);
	for (i = 0; i < w->nhosts && strcmp(w->hosts[i].host, host); i++)
		;
	if (i == w->nhosts) {
		struct pw_host_slot *nh = pw_realloc(w->ctx, w->hosts, (w->nhosts + 1) * sizeof(*nh));
		if (!nh)
			return; /* no slot: no wait; politeness, not correctness */
		w->hosts = nh;
		snprintf(nh[i].host, sizeof(nh[i].host), "%s", host);
		nh[i].last_ms = 0;
		w->nhosts++;
	}
	now = pw_watch_now_ms();
	if (w->hosts[i].last_ms && now - w->hosts[i].last_ms < w->o.host_interval_ms)
		pw_watch_sleep(w, (long)(w->o.host_interval_ms - (now - w->hosts[i].last_ms)));
	w->hosts[i].last_ms = pw_watch_now_ms();
}
