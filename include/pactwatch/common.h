/*
 * pactwatch — common definitions: context, errors, allocator, diagnostics.
 *
 * Every library call takes a pw_context. The context owns the loaded
 * dictionaries, the allocator hooks and the last error message; it holds no
 * state shared with other contexts, so two threads with two contexts never
 * meet. A context is not itself thread-safe: one thread per context.
 */
#ifndef PACTWATCH_COMMON_H
#define PACTWATCH_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PW_VERSION "0.1.0"

/* Error codes: 0 is success, failures are negative. pw_error_last() gives
 * the message of the most recent failure on a context. */
enum pw_error_code {
	PW_OK = 0,
	PW_ENOMEM = -1,      /* allocation failed */
	PW_EIO = -2,         /* read/write/open failed (errno kept in message) */
	PW_EINVAL = -3,      /* bad argument or option */
	PW_EPARSE = -4,      /* malformed input (document, JSON, XML, date) */
	PW_EDICT = -5,       /* dictionary file error (file:line in message) */
	PW_ESTORE = -6,      /* database error */
	PW_ENOTFOUND = -7,   /* no such object */
	PW_EDUP = -8,        /* duplicate (document already seen) */
	PW_EUNSUPPORTED = -9,/* feature not built in / format unknown */
	PW_ELIMIT = -10,     /* a size or count limit was exceeded */
	PW_EINTERNAL = -11   /* bug: please report */
};

typedef struct pw_context pw_context;

/* Allocator hooks. All library allocations go through them, which is how the
 * fault-injection tests make allocation fail at chosen points. */
typedef struct pw_allocator {
	void *(*malloc_fn)(void *ud, size_t size);
	void *(*realloc_fn)(void *ud, void *ptr, size_t size);
	void (*free_fn)(void *ud, void *ptr);
	void *ud;
} pw_allocator;

/* Diagnostics about input (not program errors): a rejected document, a
 * repaired byte, a malformed date. The run goes on after each. */
typedef enum pw_severity {
	PW_DIAG_INFO = 0,    /* e.g. duplicate document skipped */
	PW_DIAG_WARNING = 1, /* input repaired (invalid UTF-8 replaced, ...) */
	PW_DIAG_ERROR = 2    /* input rejected (document skipped) */
} pw_severity;

typedef struct pw_diag {
	pw_severity severity;
	const char *file;    /* input file, "-" for stdin, or NULL */
	uint64_t line;       /* 1-based line in file (JSON lines), 0 if n/a */
	uint64_t offset;     /* byte offset in file or document, UINT64_MAX if n/a */
	const char *doc_id;  /* document id, or NULL if unknown */
	const char *message; /* human-readable, no trailing newline */
} pw_diag;

typedef void (*pw_diag_fn)(void *ud, const pw_diag *d);

typedef struct pw_context_options {
	unsigned version;
	const pw_allocator *allocator; /* NULL: the C library's malloc */
	pw_diag_fn diag;               /* NULL: print "pactwatch: file:line: doc id: message" to stderr */
	void *diag_ud;
	const char *data_dir;          /* dictionaries; NULL: $PACTWATCH_DATA, else the built-in path */
} pw_context_options;

#define PW_CONTEXT_OPTIONS_VERSION 1
#define PW_CONTEXT_OPTIONS_INIT {PW_CONTEXT_OPTIONS_VERSION, NULL, NULL, NULL, NULL}

/* Create a context. *out is a new object, free with pw_context_free().
 * Dictionaries are loaded lazily by the stages that need them. */
int pw_context_new(pw_context **out, const pw_context_options *opts);
void pw_context_free(pw_context *ctx);

/* The message of the last failure on ctx ("" if none). Borrowed: valid until
 * the next failing call on ctx. */
const char *pw_error_last(const pw_context *ctx);
int pw_error_code(const pw_context *ctx);
/* Name of an error code, e.g. "PW_EPARSE". Static string. */
const char *pw_error_name(int code);

/* Report an input diagnostic through the context's callback; counts it. */
void pw_diag_emit(pw_context *ctx, pw_severity sev, const char *file, uint64_t line,
		  uint64_t offset, const char *doc_id, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* Counts of diagnostics emitted so far, by severity. */
uint64_t pw_diag_count(const pw_context *ctx, pw_severity sev);

/* The directory dictionaries and tables are read from. Borrowed. */
const char *pw_context_data_dir(const pw_context *ctx);

#ifdef __cplusplus
}
#endif
#endif
