/*
 * Query latency on an existing store, inside one process (as the HTTP API
 * runs them): `store_query DB KIND ARG [RUNS]` with KIND partners (ARG a
 * country, --as-of from $PW_AS_OF), changes (ARG a since date) or network
 * (ARG an as-of date). Prints the median and best wall and CPU times in ms.
 */
#include "pactwatch/pactwatch.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	pw_context *ctx = NULL;
	pw_store *s = NULL;
	pw_query q = PW_QUERY_INIT;
	double w[64], c[64];
	int runs = argc > 4 ? atoi(argv[4]) : 9, i, rc = 0;
	size_t n = 0;

	if (argc < 4 || runs < 1 || runs > 64) {
		fprintf(stderr, "usage: store_query DB partners|changes|network ARG [RUNS<=64]\n");
		return 2;
	}
	if (pw_context_new(&ctx, NULL) || pw_store_open(&s, ctx, argv[1])) {
		fprintf(stderr, "store_query: %s\n", ctx ? pw_error_last(ctx) : "no memory");
		return 3;
	}
	for (i = 0; i < runs && !rc; i++) {
		double w0 = wall_ms(), c0 = cpu_ms();
		if (!strcmp(argv[2], "partners")) {
			pw_partnership_list *l;
			q.country = argv[3];
			q.as_of = getenv("PW_AS_OF");
			if (!(rc = pw_tracker_partners(&l, s, &q))) {
				n = l->n;
				pw_partnership_list_free(l);
			}
		} else if (!strcmp(argv[2], "network")) {
			pw_partnership_list *l;
			q.as_of = argv[3];
			if (!(rc = pw_tracker_network(&l, s, &q))) {
				n = l->n;
				pw_partnership_list_free(l);
			}
		} else {
			pw_change_list *l;
			q.since = argv[3];
			if (!(rc = pw_tracker_changes(&l, s, &q))) {
				n = l->n;
				pw_change_list_free(l);
			}
		}
		w[i] = wall_ms() - w0;
		c[i] = cpu_ms() - c0;
	}
	if (rc) {
		fprintf(stderr, "store_query: %s\n", pw_error_last(ctx));
		return 3;
	}
	qsort(w, (size_t)runs, sizeof(double), cmp);
	qsort(c, (size_t)runs, sizeof(double), cmp);
	printf("%s %s: %zu results; wall median %.1f ms (best %.1f), cpu median %.1f ms (best %.1f)\n",
	       argv[2], argv[3], n, w[runs / 2], w[0], c[runs / 2], c[0]);
	pw_store_close(s);
	pw_context_free(ctx);
	return 0;
}
