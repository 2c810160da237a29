/*
 * Actor stage benchmark: dictionary load time (ours + Phoenix) and matching
 * throughput (tokenize + match, one core) over a generated English/French
 * news-like corpus, with peak RSS. Usage: bench_actors [MB] (default 64).
 * Sentences are split at ". " here so the figure is the actor stage's alone.
 */
#include "actors/actors.h"
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static const char *const parts[] = {
	"Russian instructors arrived in Bamako on Monday", "the junta said",
	"Niger's defence minister Salifou Mody met his counterpart", "le ministre malien de la Défense",
	"a signé un accord de coopération militaire avec la Russie", "the two countries agreed",
	"ECOWAS and the African Union condemned the coup", "les deux pays ont renforcé leur partenariat",
	"officials in Ouagadougou declined to comment", "according to a statement from the Kremlin",
	"the weather was hot and the market was busy", "prices of grain rose sharply in the region",
	"Wagner Group fighters and FAMa soldiers patrolled near Kidal", "JNIM claimed the attack",
	"l'armée nigérienne a annoncé", "the Alliance of Sahel States held a summit in Niamey",
	"farmers said the rains came late this year", "Assimi Goïta received Yunus-Bek Yevkurov",
	"the United States and France withdrew troops", "Nigeria and Chad discussed border security"};

int main(int argc, char **argv)
{
	size_t mb = argc > 1 ? (size_t)atoi(argv[1]) : 64, len = 0, cap, i, nsent = 0, nment = 0;
	pw_context_options o = PW_CONTEXT_OPTIONS_INIT;
	pw_context *ctx;
	pw_tokens toks = {0};
	pw_mentions ms = {0};
	pw_refstate *rs;
	pw_arena a;
	pw_doc *doc;
	char *text;
	double t0, t1, t2;
	unsigned seed = 12345;
	struct rusage ru;
	int rc;

	if (pw_context_new(&ctx, &o))
		return 3;
	t0 = now();
	if ((rc = pw_actors_load(ctx))) {
		fprintf(stderr, "load: %s\n", pw_error_last(ctx));
		return 4;
	}
	t1 = now();
	cap = mb * 1024 * 1024 + 512;
	text = malloc(cap);
	if (!text)
		return 3;
	while (len + 300 < cap - 1) {
		int k = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 3;

		for (i = 0; i < (size_t)k; i++) {
			const char *p = parts[((seed = seed * 1103515245u + 12345u) >> 16) % PW_ARRAY_LEN(parts)];
			size_t n = strlen(p);

			memcpy(text + len, p, n);
			len += n;
			text[len++] = i + 1 < (size_t)k ? ',' : '.';
			text[len++] = ' ';
		}
	}
	text[len] = '\0';
	if (pw_doc_new(&doc, ctx, "bench", "2024-01-01", "en", "", 0))
		return 3;
	pw_refstate_new(&rs, ctx);
	pw_arena_init(&a, ctx, 1 << 20);
	t2 = now();
	{
		uint32_t s = 0, e;
		/* the doc borrows the generated text for pw_actors_match_sentence */
		char *saved = doc->text;

		doc->text = text;
		doc->text_len = len;
		for (e = 0; e < len; e++) {
			if (text[e] == '.' && (e + 1 == len || text[e + 1] == ' ')) {
				ms.n = 0;
				if (pw_tokenize(&toks, &a, text, s, e + 1) ||
				    pw_actors_match_sentence(&ms, ctx, doc, nsent, &toks, &a, rs))
					return 3;
				nment += ms.n;
				nsent++;
				if ((nsent & 1023) == 0)
					pw_arena_reset(&a);
				s = e + 2;
			}
		}
		doc->text = saved;
	}
	{
		double t3 = now(), secs = t3 - t2, tt;
		uint32_t s = 0, e;
		size_t k = 0;

		/* the tokenizer alone over the same text: the share of the stage
		 * that is segment/tokenize.c's, not the matcher's */
		for (e = 0; e < len; e++)
			if (text[e] == '.' && (e + 1 == len || text[e + 1] == ' ')) {
				if (pw_tokenize(&toks, &a, text, s, e + 1))
					return 3;
				if ((++k & 1023) == 0)
					pw_arena_reset(&a);
				s = e + 2;
			}
		tt = now() - t3;

		getrusage(RUSAGE_SELF, &ru);
		printf("actors: load %.3f s (target < 0.5 s)\n", t1 - t0);
		printf("actors: matched %.1f MB, %zu sentences, %zu mentions in %.3f s: %.1f MB/s, %.0f sentences/s (target >= 50 MB/s)\n",
		       (double)len / 1048576.0, nsent, nment, secs, (double)len / 1048576.0 / secs,
		       (double)nsent / secs);
		printf("actors: of which tokenizing %.3f s (%.1f MB/s alone); matching proper %.1f MB/s\n", tt,
		       (double)len / 1048576.0 / tt, (double)len / 1048576.0 / (secs - tt > 0.001 ? secs - tt : 0.001));
		printf("actors: peak RSS %ld MB\n", ru.ru_maxrss / 1024);
	}
	pw_arena_free(&a);
	pw_refstate_free(rs);
	pw_tokens_free(&toks, ctx);
	pw_free(ctx, ms.v);
	pw_doc_free(doc);
	free(text);
	pw_context_free(ctx);
	return 0;
}
