/*
 * The CLI: a thin layer over libpactwatch. One file per command
 * (cmd_<name>.c), each defining `int cmd_<name>(int argc, char **argv)`;
 * main.c dispatches.
 *
 * Exit codes (documented in the README):
 *   0  success
 *   1  the run completed but some input was rejected (see stderr)
 *   2  usage error (bad option or argument)
 *   3  runtime failure (I/O, store, out of memory)
 *   4  dictionary or data file error
 */
#ifndef PW_CLI_H
#define PW_CLI_H

#include "pactwatch/pactwatch.h"

enum {
	PW_EXIT_OK = 0,
	PW_EXIT_REJECTED = 1,
	PW_EXIT_USAGE = 2,
	PW_EXIT_FAILURE = 3,
	PW_EXIT_DICT = 4
};

/* A context with the common options applied (--data DIR). Prints the error
 * and returns NULL on failure. */
pw_context *cli_context(const char *data_dir);

/* Print "pactwatch CMD: message" for a library failure; return exit code. */
int cli_fail(pw_context *ctx, const char *cmd, int rc);

/* Exit code for a run that completed: 1 if any input was rejected. */
int cli_exit_status(pw_context *ctx);

#define PW_CMD(name) int cmd_##name(int argc, char **argv)

#endif
