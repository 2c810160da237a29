/*
 * pactwatch — actors: dictionaries and matching (pipeline stage 3).
 *
 * The dictionaries are plain-text files under <data>/actors/ (our format,
 * data/actors/README.md) and <data>/phoenix/ (Phoenix/PETRARCH2 files, read
 * unchanged), listed in <data>/actors/dictionaries.conf in priority order.
 * They are loaded once per context, lazily or by pw_coder_load().
 */
#ifndef PACTWATCH_ACTORS_H
#define PACTWATCH_ACTORS_H

#include "common.h"
#include "doc.h"
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Counts for one dictionary file (pw_dict_stats). Strings borrowed. */
typedef struct pw_dict_stat {
	const char *file;       /* path relative to the data dir, or as given */
	const char *format;     /* "pactwatch", "phoenix-actors", "phoenix-agents" */
	size_t lines;           /* entry lines (ours) / phrase lines incl. synonyms (Phoenix) */
	size_t phrases;         /* phrases loaded (ours: incl. synonyms; Phoenix agents: lines) */
	size_t shadowed;        /* phrases already defined by an earlier file */
	size_t rejects;         /* Phoenix phrase lines skipped (documented reasons below) */
	size_t rej_nocode, rej_empty;    /* ...by reason: block without code, empty/too long */
	size_t rej_badcode, rej_baddate; /* code lines dropped (not phrases) */
	size_t errors;          /* our format: bad lines */
	size_t names, adjs, metonyms, agents, refs, groups; /* entries by kind */
} pw_dict_stat;

typedef void (*pw_dict_stat_fn)(void *ud, const pw_dict_stat *s);
/* A problem found while checking: where is "file:line". */
typedef void (*pw_dict_problem_fn)(void *ud, const char *where, const char *message);

/* Load the actor dictionaries of ctx (if not yet) and call fn once per file
 * in load order. 0 or the load's error (PW_EDICT, PW_EIO, PW_ENOMEM). */
int pw_dict_stats(pw_context *ctx, pw_dict_stat_fn fn, void *ud);

/* Validate dictionaries without keeping them: the conf's files when
 * nfiles == 0, else the given files (format guessed from the name:
 * *.actors.txt Phoenix actors, Phoenix*agents.txt Phoenix agents, else
 * ours). Every problem goes to fn; *nproblems gets their count. Returns 0
 * when the check ran (even with problems), else PW_ENOMEM. */
int pw_dict_check(pw_context *ctx, const char *const *files, size_t nfiles,
		  pw_dict_problem_fn fn, void *ud, size_t *nproblems);

/* Write the actor stage's output for a document as JSON lines, one per
 * sentence: {"doc","sentence","text","mentions":[{"text","start","end",
 * "code","country","sector","kind","entry","resolved_from"}]} with start/end
 * byte offsets in the sentence. Prepares the doc if needed. 0, PW_EIO,
 * PW_ENOMEM, PW_EDICT. */
enum { PW_ACTORS_FLAT = 1 }; /* flags: one line per mention (with doc and sentence) instead */
int pw_actors_write_doc(FILE *f, pw_context *ctx, pw_doc *doc, unsigned flags);

/* Name of a mention kind ("name", "adj", "metonym", "agent", "ref", "group"). */
const char *pw_mention_kind_name(int kind);

#ifdef __cplusplus
}
#endif
#endif
