/* Fuzz the dictionary loaders: our format and Phoenix's actors and agents
 * files. The first byte picks the format; the rest is written to a private
 * temp file (the loader reads files) and loaded into a fresh dictionary.
 * Bad lines must be reported (file:line), never crash. */
#include "actors/actors.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void quiet(void *ud, const pw_diag *d) { (void)ud; (void)d; }
static void report(void *ud, const char *where, const char *msg)
{
	(void)msg;
	if (!where || !strchr(where, ':'))
		__builtin_trap(); /* every problem names file:line */
	++*(size_t *)ud;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *fmts[] = {"pactwatch", "phoenix-actors", "phoenix-agents"};
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;
	pw_context *ctx;
	pw_actordict *d = NULL;
	char path[64];
	size_t nrep = 0;
	FILE *f;

	if (size < 1)
		return 0;
	snprintf(path, sizeof(path), "/tmp/pw-fuzz-dict-%ld.txt", (long)getpid());
	f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data + 1, 1, size - 1, f);
	fclose(f);
	o.diag = quiet;
	if (pw_context_new(&ctx, &o)) {
		unlink(path);
		return 0;
	}
	if (pw_actordict_new(&d, ctx) == 0) {
		d->report = report;
		d->report_ud = &nrep;
		(void)pw_actordict_load_file(d, path, "fuzz.txt", fmts[data[0] % 3]);
		pw_actordict_free(d);
	}
	pw_context_free(ctx);
	unlink(path);
	return 0;
}
