/* Fuzz date normalization: any input either fails or yields YYYY-MM-DD. */
#include "core/internal.h"
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[11], *s = malloc(size + 1);

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (pw_date_normalize(out, s) == 0) {
		if (strlen(out) != 10 || out[4] != '-' || out[7] != '-')
			__builtin_trap();
	}
	free(s);
	return 0;
}
