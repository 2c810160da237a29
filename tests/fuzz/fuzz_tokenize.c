/* Fuzz the tokenizer and folding on arbitrary bytes. */
#include "core/internal.h"
#include "segment/tokens.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pw_context *ctx;
	pw_arena a;
	pw_tokens t = {0};
	char fold[256];
	size_t i;

	if (size > UINT32_MAX / 4 || pw_context_new(&ctx, NULL))
		return 0;
	pw_arena_init(&a, ctx, 0);
	if (pw_tokenize(&t, &a, (const char *)data, 0, (uint32_t)size) == 0) {
		for (i = 0; i < t.n; i++) {
			if (t.v[i].start > t.v[i].end || t.v[i].end > size)
				__builtin_trap();
			if (i && t.v[i].start < t.v[i - 1].end)
				__builtin_trap();
		}
	}
	pw_fold(fold, sizeof(fold), (const char *)data, size);
	pw_tokens_free(&t, ctx);
	pw_arena_free(&a);
	pw_context_free(ctx);
	return 0;
}
