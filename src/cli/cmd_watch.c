/*
 * pactwatch watch --feeds FEEDS.txt [--db PATH|postgresql://...] [--every 15m] [--once]
 *                 [--alerts FILE|-] [--webhook URL] [--country CC,...] [--domain D,...]
 *                 [--min-sources N] [--user-agent S] [--timeout 30s] [--connect-timeout 10s]
 *                 [--retries N] [--backoff 1s] [--host-interval 1s] [--data DIR]
 *
 * Polls the feeds, ingests new items, writes one JSON line per partnership
 * change they cause (stdout by default), and POSTs each to a webhook
 * through the store's outbox. Runs until SIGINT/SIGTERM (the current write
 * finishes first), or one round with --once (for cron).
 */
#include "cli.h"
#include "pactwatch/watch.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char USAGE[] =
	"pactwatch watch --feeds FEEDS.txt [--db PATH|postgresql://...] [--every 15m] [--once]\n"
	"       [--alerts FILE|-] [--webhook URL] [--country CC,...] [--domain D,...] [--min-sources N]\n"
	"       [--user-agent S] [--timeout 30s] [--connect-timeout 10s] [--retries N] [--backoff 1s]\n"
	"       [--host-interval 1s] [--data DIR]";

/* Set by the signal handler; the poller checks it between items and
 * during sleeps. A CLI-level flag: signals have no user pointer. */
static volatile int stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

static int duration_opt(long *out, const char *name, const char *v)
{
	if (pw_watch_parse_duration(out, v)) {
		fprintf(stderr, "pactwatch watch: %s wants a duration like 30s, 15m, 2h (got '%s')\n", name, v);
		return PW_EXIT_USAGE;
	}
	return 0;
}

static void summary(const pw_watch_stats *st)
{
	fprintf(stderr,
		"pactwatch watch: round: %u feeds (%u ok, %u not modified, %u failed), %u items "
		"(%u new, %u edited), %u changes, %u alerts, %u delivered, %u pending\n",
		st->feeds, st->ok, st->not_modified, st->failed, st->items, st->items_new, st->items_updated,
		st->changes, st->alerts, st->delivered, st->pending);
}

/* With --once, give the outbox a few back-off periods to drain before
 * exiting; what is left stays queued for the next run. */
static int drain(pw_watch *w, pw_watch_stats *st, long next, int passes)
{
	int rc = 0;

	while (!rc && st->pending && next >= 0 && passes-- > 0 && !stop_flag) {
		struct timespec ts = {next / 1000, (next % 1000) * 1000000L};
		nanosleep(&ts, NULL);
		rc = pw_watch_deliver(w, st, &next);
	}
	return rc;
}

/* Wait for the next round, delivering outbox rows as they fall due. */
static int wait_round(pw_watch *w, pw_watch_stats *st, long every)
{
	struct timespec t0, t;
	long next = -1;
	int rc = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		long el, nap;
		clock_gettime(CLOCK_MONOTONIC, &t);
		el = (t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000;
		if (stop_flag || el >= every)
			return rc;
		nap = every - el > 200 ? 200 : every - el;
		{
			struct timespec ts = {0, nap * 1000000L};
			nanosleep(&ts, NULL);
		}
		if (st->pending && (next -= nap) <= 0 && (rc = pw_watch_deliver(w, st, &next)))
			return rc;
	}
}

PW_CMD(watch);
PW_CMD(watch)
{
	pw_watch_options o = PW_WATCH_OPTIONS_INIT;
	const char *feeds = NULL, *db = getenv("PACTWATCH_DB"), *data = NULL, *alerts = "-";
	long every = 15 * 60 * 1000, next = -1;
	int once = 0, i, rc = PW_EXIT_OK, r;
	pw_context *ctx = NULL;
	pw_store *s = NULL;
	pw_watch *w = NULL;
	pw_feed_spec *specs = NULL;
	size_t nspecs = 0;
	FILE *af = NULL;
	struct sigaction sa;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		int takes = 1;

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			printf("usage: %s\n", USAGE);
			return 0;
		} else if (!strcmp(a, "--once")) {
			once = 1;
			takes = 0;
		} else if (!v) {
			fprintf(stderr, "pactwatch watch: %s needs a value\nusage: %s\n", a, USAGE);
			return PW_EXIT_USAGE;
		} else if (!strcmp(a, "--feeds")) {
			feeds = v;
		} else if (!strcmp(a, "--db")) {
			db = v;
		} else if (!strcmp(a, "--data")) {
			data = v;
		} else if (!strcmp(a, "--alerts")) {
			alerts = v;
		} else if (!strcmp(a, "--webhook")) {
			if (strncmp(v, "http://", 7) && strncmp(v, "https://", 8)) {
				fprintf(stderr, "pactwatch watch: --webhook wants an http(s) URL\n");
				return PW_EXIT_USAGE;
			}
			o.webhook = v;
		} else if (!strcmp(a, "--country")) {
			o.countries = v;
		} else if (!strcmp(a, "--domain")) {
			o.domains = v;
		} else if (!strcmp(a, "--min-sources")) {
			o.min_sources = (unsigned)strtoul(v, NULL, 10);
		} else if (!strcmp(a, "--user-agent")) {
			o.user_agent = v;
		} else if (!strcmp(a, "--retries")) {
			o.retries = atoi(v);
			if (o.retries == 0)
				o.retries = -1; /* 0 in the options means "default" */
		} else if (!strcmp(a, "--every")) {
			if ((r = duration_opt(&every, a, v)))
				return r;
			if (every < 1000) {
				fprintf(stderr, "pactwatch watch: --every must be at least 1s\n");
				return PW_EXIT_USAGE;
			}
		} else if (!strcmp(a, "--timeout")) {
			if ((r = duration_opt(&o.timeout_ms, a, v)))
				return r;
		} else if (!strcmp(a, "--connect-timeout")) {
			if ((r = duration_opt(&o.connect_timeout_ms, a, v)))
				return r;
		} else if (!strcmp(a, "--backoff")) {
			if ((r = duration_opt(&o.backoff_ms, a, v)))
				return r;
		} else if (!strcmp(a, "--host-interval")) {
			if ((r = duration_opt(&o.host_interval_ms, a, v)))
				return r;
			if (!o.host_interval_ms)
				o.host_interval_ms = -1;
		} else {
			fprintf(stderr, "pactwatch watch: unknown option '%s'\nusage: %s\n", a, USAGE);
			return PW_EXIT_USAGE;
		}
		i += takes;
	}
	if (!feeds) {
		fprintf(stderr, "pactwatch watch: --feeds FILE is required\nusage: %s\n", USAGE);
		return PW_EXIT_USAGE;
	}
	if (!(ctx = cli_context(data)))
		return PW_EXIT_DICT;
	if ((r = pw_feed_specs_load(&specs, &nspecs, ctx, feeds))) {
		rc = cli_fail(ctx, "watch", r);
		if (r == PW_EPARSE)
			rc = PW_EXIT_USAGE;
		goto out;
	}
	if ((r = pw_store_open(&s, ctx, db && *db ? db : NULL))) {
		rc = cli_fail(ctx, "watch", r);
		goto out;
	}
	if (!strcmp(alerts, "-")) {
		o.alerts = stdout;
	} else if (!(af = fopen(alerts, "a"))) {
		perror(alerts);
		rc = PW_EXIT_FAILURE;
		goto out;
	} else {
		o.alerts = af;
	}
	o.stop = &stop_flag;
	if ((r = pw_watch_new(&w, s, specs, nspecs, &o))) {
		rc = cli_fail(ctx, "watch", r);
		goto out;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	while (!stop_flag) {
		pw_watch_stats st;

		memset(&st, 0, sizeof(st));
		r = pw_watch_poll(w, &st);
		if (!r)
			r = pw_watch_deliver(w, &st, &next);
		if (!r && once)
			r = drain(w, &st, next, o.retries >= 0 ? o.retries + 3 : 3);
		summary(&st);
		if (r) {
			rc = cli_fail(ctx, "watch", r);
			break;
		}
		if (once)
			break;
		if ((r = wait_round(w, &st, every))) {
			rc = cli_fail(ctx, "watch", r);
			break;
		}
	}
	if (stop_flag)
		fprintf(stderr, "pactwatch watch: stopped by signal\n");
out:
	pw_watch_free(w);
	if (af)
		fclose(af);
	pw_store_close(s);
	pw_feed_specs_free(ctx, specs, nspecs);
	pw_context_free(ctx);
	return rc;
}
