/* pactwatch serve: the JSON API and the dashboard over a store. */
#include "cli.h"
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void serve_usage(FILE *f)
{
	fprintf(f,
		"usage: pactwatch serve [--db PATH|postgresql://...] [--port 8080] [--bind 127.0.0.1]\n"
		"                       [--token T] [--web DIR] [--threads N] [--max-body BYTES]\n"
		"                       [--timeout S] [--open-reads] [--log] [--data DIR]\n"
		"\n"
		"Serves the JSON API (docs/API.md) and the dashboard until SIGINT/SIGTERM.\n"
		"  --db        store to read (default ./pactwatch.db)\n"
		"  --port      TCP port (0: any free port; the address is printed)\n"
		"  --bind      address to listen on (default 127.0.0.1, loopback only)\n"
		"  --token     bearer token for POST /api/documents (or env PACTWATCH_TOKEN);\n"
		"              without one, ingest over HTTP is disabled\n"
		"  --open-reads  read endpoints open to non-loopback clients without token\n"
		"  --web       dashboard directory (default: the built web/dist)\n"
		"  --threads   worker threads and store connections (default 4)\n"
		"  --max-body  largest request body in bytes (default 8388608)\n"
		"  --timeout   idle connection timeout in seconds (default 30)\n"
		"  --log       one line per request on stderr\n");
}

PW_CMD(serve);
PW_CMD(serve)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"port", required_argument, NULL, 'p'},
		{"bind", required_argument, NULL, 'b'},
		{"token", required_argument, NULL, 't'},
		{"web", required_argument, NULL, 'w'},
		{"threads", required_argument, NULL, 'j'},
		{"max-body", required_argument, NULL, 'm'},
		{"timeout", required_argument, NULL, 'T'},
		{"open-reads", no_argument, NULL, 'o'},
		{"log", no_argument, NULL, 'l'},
		{"data", required_argument, NULL, 'D'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	pw_serve_options o = PW_SERVE_OPTIONS_INIT;
	pw_context *ctx;
	pw_server *srv = NULL;
	sigset_t set;
	const char *data_dir = NULL, *host;
	char *end;
	unsigned long v;
	int c, rc, sig = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': o.db = optarg; break;
		case 'b': o.bind = optarg; break;
		case 't': o.token = optarg; break;
		case 'w': o.web_dir = optarg; break;
		case 'o': o.open_reads = 1; break;
		case 'l': o.access_log = 1; break;
		case 'D': data_dir = optarg; break;
		case 'p': case 'j': case 'm': case 'T':
			v = strtoul(optarg, &end, 10);
			if (*end || !*optarg || (c == 'p' && v > 65535) || (c == 'j' && (v < 1 || v > 64)) ||
			    (c == 'T' && v < 1)) {
				fprintf(stderr, "pactwatch serve: bad value '%s' for --%s\n", optarg,
					c == 'p' ? "port" : c == 'j' ? "threads" : c == 'm' ? "max-body" : "timeout");
				return PW_EXIT_USAGE;
			}
			if (c == 'p') o.port = (unsigned)v;
			else if (c == 'j') o.threads = (unsigned)v;
			else if (c == 'm') o.max_body = v;
			else o.timeout_s = (unsigned)v;
			break;
		case 'h': serve_usage(stdout); return 0;
		default: serve_usage(stderr); return PW_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "pactwatch serve: unexpected argument '%s'\n", argv[optind]);
		return PW_EXIT_USAGE;
	}
	/* The environment keeps the token out of `ps` listings. */
	if (!o.token && getenv("PACTWATCH_TOKEN") && *getenv("PACTWATCH_TOKEN"))
		o.token = getenv("PACTWATCH_TOKEN");
	o.data_dir = data_dir;
	ctx = cli_context(data_dir);
	if (!ctx)
		return PW_EXIT_FAILURE;

	/* Block the stop signals before the server's threads exist, so they
	 * inherit the mask and only sigwait() below receives them. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	rc = pw_server_start(&srv, ctx, &o);
	if (rc) {
		rc = cli_fail(ctx, "serve", rc);
		pw_context_free(ctx);
		return rc;
	}
	host = o.bind ? o.bind : "127.0.0.1";
	printf("pactwatch serve: dashboard at http://%s%s%s:%u/  (store: %s; ingest %s; Ctrl-C to stop)\n",
	       strchr(host, ':') ? "[" : "", host, strchr(host, ':') ? "]" : "",
	       pw_server_port(srv), o.db ? o.db : "pactwatch.db",
	       o.token ? "on with token" : "off (no --token)");
	fflush(stdout);
	sigwait(&set, &sig);
	fprintf(stderr, "pactwatch serve: %s, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	pw_server_stop(srv);
	pw_context_free(ctx);
	return 0;
}
