/* Helpers shared by the commands. */
#include "cli.h"
#include <stdio.h>

pw_context *cli_context(const char *data_dir)
{
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;
	pw_context *ctx = NULL;

	o.data_dir = data_dir;
	if (pw_context_new(&ctx, &o) < 0) {
		fprintf(stderr, "pactwatch: out of memory\n");
		return NULL;
	}
	return ctx;
}

int cli_fail(pw_context *ctx, const char *cmd, int rc)
{
	fprintf(stderr, "pactwatch %s: %s (%s)\n", cmd, pw_error_last(ctx), pw_error_name(rc));
	if (rc == PW_EDICT)
		return PW_EXIT_DICT;
	if (rc == PW_EINVAL)
		return PW_EXIT_USAGE;
	return PW_EXIT_FAILURE;
}

int cli_exit_status(pw_context *ctx)
{
	return pw_diag_count(ctx, PW_DIAG_ERROR) ? PW_EXIT_REJECTED : PW_EXIT_OK;
}
