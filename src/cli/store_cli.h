/*
 * Options shared by the store and tracker commands (ingest, partners,
 * timeline, changes, dyads, incidents, export), parsed in one place so
 * every command spells them the same way.
 */
#ifndef PW_STORE_CLI_H
#define PW_STORE_CLI_H

#include "cli.h"

struct store_opts {
	const char *db;        /* --db PATH|postgresql://... (default $PACTWATCH_DB, else ./pactwatch.db) */
	const char *data;      /* --data DIR */
	int json, csv;
	pw_query q;
	const char *what, *format, *output;  /* export */
	size_t npos;
	char **pos;            /* positional arguments (borrowed from argv) */
};

/* Parse argv (argv[0] is the command name). Returns 0, or PW_EXIT_USAGE
 * after printing the problem and the usage line. --help prints usage and
 * sets *help. `allowed` lists the accepted options, space-separated. */
int store_cli_parse(struct store_opts *o, int argc, char **argv, const char *usage,
		    const char *allowed, int *help);
/* Context and store from the options; NULL (message printed) on failure,
 * with *rc the exit code. */
pw_store *store_cli_open(struct store_opts *o, pw_context **ctx, const char *cmd, int *rc);
/* The start of the query commands that take no operands (changes, dyads,
 * incidents): parse, refuse positional arguments, open the store. NULL with
 * *rc the exit code (0 after --help); the caller frees *ctx and o->pos. */
pw_store *store_cli_start(struct store_opts *o, pw_context **ctx, int argc, char **argv,
			  const char *usage, const char *allowed, const char *cmd, int *rc);
/* Print a JSON answer of a query kind to stdout. Returns an exit code. */
int store_cli_json(pw_store *s, pw_context *ctx, const char *cmd, pw_query_kind kind,
		   const pw_query *q);
/* Validate an ISO3 argument (uppercased in place). 0 or PW_EXIT_USAGE. */
int store_cli_country(char *cc, const char *cmd);
/* First n bytes of a sentence for tables, on one line. */
void store_cli_snippet(char *out, size_t cap, const char *text, size_t n);

#endif
