/*
 * The coder's lexicon: everything the coder asks of a word, worked out once
 * per distinct (language, word) and cached per context. News vocabulary is
 * small and repetitive (the same few thousand words in every document),
 * while the questions are many: its Snowball stem (a few hundred
 * nanoseconds), its word classes, the patterns it can start, the modality
 * cues it can start, its grammar roles. Asking them token by token cost
 * five hash lookups and a stemmer call per token; the lexicon makes it one
 * probe keyed by the hash the tokenizer already computed.
 *
 * The cache is bounded: it is emptied between documents once half full,
 * and while a document fills it, new words are worked out in the
 * document's scratch arena instead, so memory stays flat on adversarial
 * input with millions of distinct words. Entries are valid until the next
 * pw_lexicon_checkpoint().
 */
#include "events_internal.h"
#include <libstemmer.h>

#define LEX_SLOTS (1u << 16)   /* power of two */
#define LEX_MAX_USED (LEX_SLOTS / 2)
#define LEX_MAX_WORD 64        /* longer words are never cached */
#define LEX_MAX_CAND 64

struct pw_lexicon {
	pw_context *ctx;
	const struct pw_patterns *p;
	struct sb_stemmer *stem[PW_NLANGS];
	pw_lexent **slots;
	size_t used;
	pw_arena pool;
	/* the coder's scratch space, reset per sentence and kept from one
	 * document to the next: a 64 KiB block allocated and freed per
	 * document made the allocator give pages back and fault them in again
	 * (and, with -j N, take its arena locks) */
	pw_arena scratch;
};

void pw_lexicon_free(struct pw_lexicon *lx)
{
	int l;

	if (!lx)
		return;
	for (l = 0; l < PW_NLANGS; l++)
		if (lx->stem[l])
			sb_stemmer_delete(lx->stem[l]);
	pw_arena_free(&lx->pool);
	pw_arena_free(&lx->scratch);
	pw_free(lx->ctx, lx->slots);
	pw_free(lx->ctx, lx);
}

int pw_lexicon_new(struct pw_lexicon **out, pw_context *ctx, const struct pw_patterns *p)
{
	struct pw_lexicon *lx = pw_calloc(ctx, 1, sizeof(*lx));

	*out = NULL;
	if (!lx)
		return PW_ENOMEM;
	lx->ctx = ctx;
	lx->p = p;
	pw_arena_init(&lx->pool, ctx, 256 * 1024);
	pw_arena_init(&lx->scratch, ctx, 65536);
	lx->slots = pw_calloc(ctx, LEX_SLOTS, sizeof(*lx->slots));
	lx->stem[PW_LANG_EN] = sb_stemmer_new("english", NULL);
	lx->stem[PW_LANG_FR] = sb_stemmer_new("french", NULL);
	if (!lx->slots || !lx->stem[PW_LANG_EN] || !lx->stem[PW_LANG_FR]) {
		pw_lexicon_free(lx);
		return PW_ENOMEM;
	}
	*out = lx;
	return 0;
}

void pw_lexicon_checkpoint(struct pw_lexicon *lx)
{
	if (lx->used < LEX_MAX_USED)
		return;
	memset(lx->slots, 0, LEX_SLOTS * sizeof(*lx->slots));
	lx->used = 0;
	pw_arena_reset(&lx->pool);
}

static uint64_t slot_key(uint64_t h, int lang, int word)
{
	return h ^ ((uint64_t)(lang + 1) * 0x9e3779b97f4a7c15ULL) ^ (word ? 0xc2b2ae3d27d4eb4fULL : 0);
}

static size_t slot_of(const struct pw_lexicon *lx, const pw_token *t, int lang, int word)
{
	size_t i;

	for (i = slot_key(t->h, lang, word) & (LEX_SLOTS - 1);; i = (i + 1) & (LEX_SLOTS - 1)) {
		const pw_lexent *e = lx->slots[i];

		if (!e || (e->h == t->h && e->lang == lang && e->word == word && e->fold_len == t->fold_len &&
			   !memcmp(e->fold, t->fold, t->fold_len)))
			return i;
	}
}

static const uint32_t *dup_u32(pw_arena *a, const uint32_t *v, size_t n)
{
	uint32_t *c = pw_arena_alloc(a, n * sizeof(*c));

	if (c)
		memcpy(c, v, n * sizeof(*c));
	return c;
}

/* Work the entry out into arena a. */
static pw_lexent *build(struct pw_lexicon *lx, pw_arena *a, const pw_token *t, int lang, int word)
{
	const struct pw_patterns *p = lx->p;
	uint32_t cand[LEX_MAX_CAND], cues[64];
	size_t ncand = 0, ncue = 0, c, sn = 0;
	char stem[128];
	pw_lexent *e;

	if (word) {
		sn = pw_stem_with(lx->stem[lang], t->fold, t->fold_len, stem, sizeof(stem));
		ncand = pw_patterns_first(p, lang, stem, 0, cand, LEX_MAX_CAND);
		ncand += pw_patterns_first(p, lang, t->fold, 1, cand + ncand, LEX_MAX_CAND - ncand);
	}
	for (c = 0; c < p->ncues && ncue < PW_ARRAY_LEN(cues); c++)
		if (p->cues[c].lang == lang && p->cues[c].h0 == t->h && !strcmp(p->cues[c].words[0], t->fold))
			cues[ncue++] = (uint32_t)c;
	e = pw_arena_alloc(a, sizeof(*e) + t->fold_len + 1);
	if (!e)
		return NULL;
	memset(e, 0, sizeof(*e));
	e->h = t->h;
	e->lang = (uint8_t)lang;
	e->word = (uint8_t)word;
	e->fold_len = t->fold_len;
	memcpy(e->fold, t->fold, t->fold_len);
	e->fold[t->fold_len] = '\0';
	e->gram = pw_grammar_bits(p, e->fold, e->fold_len);
	e->date = (uint8_t)pw_date_word(e->fold);
	for (c = 0; c < p->nimperative[lang] && !e->imperative; c++)
		e->imperative = !strcmp(e->fold, p->imperatives[lang][c]);
	if (word) {
		e->stem = pw_arena_strndup(a, stem, sn);
		if (!e->stem)
			return NULL;
		e->classes = pw_class_bits(p, lang, e->stem, e->fold);
	}
	if ((ncand && !(e->cand = dup_u32(a, cand, ncand))) || (ncue && !(e->cue = dup_u32(a, cues, ncue))))
		return NULL;
	e->ncand = (uint16_t)ncand;
	e->ncue = (uint16_t)ncue;
	return e;
}

pw_arena *pw_lexicon_scratch(struct pw_lexicon *lx)
{
	return &lx->scratch;
}

const pw_lexent *pw_lexicon_get(struct pw_lexicon *lx, pw_arena *scratch, const pw_token *t, int lang)
{
	int word = (t->flags & PW_TOK_WORD) != 0;
	size_t i;
	pw_lexent *e;

	if (t->fold_len > LEX_MAX_WORD)
		return build(lx, scratch, t, lang, word);
	i = slot_of(lx, t, lang, word);
	if (lx->slots[i])
		return lx->slots[i];
	if (lx->used >= LEX_MAX_USED)
		return build(lx, scratch, t, lang, word);
	e = build(lx, &lx->pool, t, lang, word);
	if (!e)
		return build(lx, scratch, t, lang, word);
	lx->slots[i] = e;
	lx->used++;
	return e;
}
