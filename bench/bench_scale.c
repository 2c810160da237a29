/*
 * bench_scale: the whole coding path through the parallel runner
 * (pw_pipeline), timed, with the figures bench/60-scale.sh prints.
 *
 *   bench_scale [-j N] [--shard I/N] [--sorted] [--load-only] [-o OUT] FILES...
 *
 * Events go to OUT (default /dev/null). One line on stdout:
 *   threads=N bytes=B docs=D events=E secs=S load_secs=L mbps=M docs_per_s=X
 *   events_per_s=Y rss_kb=R cpu_secs=C mb_per_cpu_s=Z
 * rss_kb is the peak resident set of this process (getrusage), so it
 * includes the dictionaries of every worker context. --load-only stops
 * after loading (dictionary memory and load time alone). cpu_secs (user +
 * system, all threads, after loading) is the figure to trust on a busy
 * machine: wall-clock MB/s moves with the neighbours, MB per CPU-second
 * much less.
 */
#include "pactwatch/pactwatch.h"
#include "pactwatch/pipeline.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char outbuf[1 << 20];

int main(int argc, char **argv)
{
	pw_pipeline_options po = PW_PIPELINE_OPTIONS_INIT;
	pw_reader_options ro = PW_READER_OPTIONS_INIT;
	const char *out = "/dev/null";
	pw_context *ctx;
	pw_pipeline *p;
	const pw_pipeline_stats *st;
	struct rusage ru, ru0;
	double t0, t1, t2, cpu;
	int i, rc = 0, load_only = 0;
	FILE *f;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "-j") && i + 1 < argc)
			po.threads = (unsigned)atoi(argv[++i]);
		else if (!strcmp(argv[i], "--shard") && i + 1 < argc) {
			if (pw_shard_parse(&po.shard_index, &po.shard_count, argv[++i])) {
				fprintf(stderr, "bench_scale: bad --shard\n");
				return 2;
			}
		} else if (!strcmp(argv[i], "--sorted"))
			po.sorted = 1;
		else if (!strcmp(argv[i], "--load-only"))
			load_only = 1;
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else {
			fprintf(stderr, "bench_scale: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	if (pw_context_new(&ctx, NULL))
		return 3;
	t0 = now();
	if ((rc = pw_pipeline_new(&p, ctx, &po))) {
		fprintf(stderr, "bench_scale: %s\n", pw_error_last(ctx));
		pw_context_free(ctx);
		return 4;
	}
	t1 = now();
	getrusage(RUSAGE_SELF, &ru0);
	f = fopen(out, "wb");
	if (!f) {
		perror(out);
		return 3;
	}
	/* as the CLI: 1 MiB writes (glibc needs the buffer given) */
	setvbuf(f, outbuf, _IOFBF, sizeof(outbuf));
	for (; !load_only && i < argc && !rc; i++)
		rc = pw_pipeline_run(p, argv[i], &ro, f);
	if (!rc)
		rc = pw_pipeline_finish(p, f);
	if (fclose(f) && !rc)
		rc = -2;
	t2 = now();
	if (rc)
		fprintf(stderr, "bench_scale: %s\n", pw_error_last(ctx));
	st = pw_pipeline_get_stats(p);
	getrusage(RUSAGE_SELF, &ru);
	cpu = (double)(ru.ru_utime.tv_sec - ru0.ru_utime.tv_sec + ru.ru_stime.tv_sec - ru0.ru_stime.tv_sec) +
	      (double)(ru.ru_utime.tv_usec - ru0.ru_utime.tv_usec + ru.ru_stime.tv_usec - ru0.ru_stime.tv_usec) / 1e6;
	printf("threads=%u bytes=%llu docs=%llu events=%llu secs=%.3f load_secs=%.3f mbps=%.2f "
	       "docs_per_s=%.0f events_per_s=%.0f rss_kb=%ld cpu_secs=%.3f mb_per_cpu_s=%.2f\n",
	       po.threads ? po.threads : 1, (unsigned long long)st->bytes_in,
	       (unsigned long long)st->docs_coded, (unsigned long long)st->events, t2 - t1, t1 - t0,
	       t2 > t1 ? (double)st->bytes_in / 1e6 / (t2 - t1) : 0.0,
	       t2 > t1 ? (double)st->docs_coded / (t2 - t1) : 0.0,
	       t2 > t1 ? (double)st->events / (t2 - t1) : 0.0, ru.ru_maxrss, cpu,
	       cpu > 0 ? (double)st->bytes_in / 1e6 / cpu : 0.0);
	pw_pipeline_free(p);
	pw_context_free(ctx);
	return rc ? 3 : 0;
}
