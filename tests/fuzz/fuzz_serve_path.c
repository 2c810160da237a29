/* Fuzz the server's request checks that see raw client bytes without a
 * socket: the static-path validator (traversal, encodings) and the
 * constant-time token comparison. The full HTTP handling is driven over a
 * socket by tests/suites/serve_hostile.sh. */
#include "serve/serve_internal.h"
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	const char *why;
	size_t half = size / 2, len;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	why = pw_static_path_check(s);
	len = strlen(s); /* the server sees a C string: up to the first NUL */
	/* anything containing a ".." path segment must be refused */
	if (!why && (strstr(s, "/../") || !strncmp(s, "../", 3) || !strcmp(s, "..") ||
		     (len >= 3 && !strcmp(s + len - 3, "/.."))))
		__builtin_trap();
	/* token compare: equal iff same length and bytes */
	if (pw_token_equal(s, half, s + half, size - half) !=
	    (half == size - half && !memcmp(s, s + half, half)))
		__builtin_trap();
	free(s);
	return 0;
}
