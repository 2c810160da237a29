/*
 * Actor mentions: the actor stage's output for one sentence, the events
 * stage's input. (Interface between src/lib/actors and src/lib/events.)
 */
#ifndef PW_MENTION_H
#define PW_MENTION_H

#include "../core/internal.h"
#include "../segment/tokens.h"

typedef enum pw_mention_kind {
	PW_MENTION_NAME = 0,   /* a proper name: "Mali", "Wagner Group", "Assimi Goïta" */
	PW_MENTION_ADJ,        /* demonym/adjective: "Russian", "nigérien" (modifies a noun) */
	PW_MENTION_METONYM,    /* capital or seat of power: "Moscow", "the Kremlin", "Koulouba" */
	PW_MENTION_AGENT,      /* generic agent bound to a country: "Niger's defence minister" */
	PW_MENTION_REF,        /* resolved reference: "the two countries", "the junta", "il" */
	PW_MENTION_GROUP       /* an organisation with members, e.g. AES (members listed) */
} pw_mention_kind;

typedef struct pw_mention {
	uint32_t tok_start, tok_end;  /* token range [tok_start, tok_end) in the sentence */
	uint32_t start, end;          /* byte span in pw_doc.text */
	char code[32];                /* CAMEO-style code: "RUS", "RUSMIL", "MLIGOV", "IGOWSTAFRAES" */
	char country[4];              /* ISO3 / IGO / IMG / NGO, "" if unknown (bare agent) */
	char sector[8];               /* "GOV", "MIL", "PMC", "REB", ... or "" */
	uint8_t kind;                 /* pw_mention_kind */
	uint8_t is_plural;            /* "the two countries" etc. */
	int16_t ref_sentence;         /* for REF: sentence the antecedent is in, else -1 */
	const char *entry;            /* dictionary "file:line" (static for the dict's life), for --explain */
	const char *resolved_from;    /* for REF: the antecedent's text, for --explain (arena) */
} pw_mention;

typedef struct pw_mentions {
	pw_mention *v;
	size_t n, cap;
} pw_mentions;

#endif
