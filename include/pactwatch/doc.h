/*
 * pactwatch — documents: reading inputs (ingest), normalizing and segmenting.
 *
 * Pipeline stage 1 and 2: a pw_reader turns files (JSON lines, text, HTML,
 * RSS/Atom, directories, stdin, .gz/.zst) into pw_doc objects;
 * pw_doc_prepare() normalizes the text, detects the language and splits
 * sentences.
 */
#ifndef PACTWATCH_DOC_H
#define PACTWATCH_DOC_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A byte span [start, end) into pw_doc.text. */
typedef struct pw_span {
	uint32_t start;
	uint32_t end;
} pw_span;

/* Sentence flags. */
enum {
	PW_SENT_HEADING = 1 << 0,  /* a title/heading line, not a full sentence */
	PW_SENT_BULLET = 1 << 1,   /* a list item ("- ...", "• ...") */
	PW_SENT_TABLE = 1 << 2,    /* a table row ("Aspect | Details |"): not prose */
	PW_SENT_QUOTE = 1 << 3     /* inside quotation marks */
};

typedef struct pw_sentence {
	uint32_t start, end;       /* byte span in pw_doc.text, trimmed */
	uint32_t flags;            /* PW_SENT_* */
	uint32_t paragraph;        /* 0-based paragraph (block) number */
} pw_sentence;

/* A document. Fields are read-only for callers; the library owns all
 * strings (freed by pw_doc_free()). Strings are NUL-terminated UTF-8;
 * optional ones are NULL when absent. */
typedef struct pw_doc {
	char *id;
	char *date;        /* publication date "YYYY-MM-DD", or NULL (reported) */
	char *title;
	char *url;
	char *source;
	char *lang;        /* "en", "fr", or NULL until prepared ("und" if unknown) */
	int lang_given;    /* 1 if lang came from the input, not detection */
	char *text;        /* body; after pw_doc_prepare(): normalized (NFC, quotes, spaces) */
	size_t text_len;
	/* where it came from, for messages */
	char *origin_file;
	uint64_t origin_line;
	/* filled by pw_doc_prepare() */
	int prepared;
	uint64_t hash;     /* 64-bit content hash of the normalized text (duplicate detection) */
	uint32_t repairs;  /* invalid UTF-8 sequences / NULs replaced */
	size_t nsent;
	pw_sentence *sents;
	/* Duplicates: set by pw_doc_prepare() when a document with the same
	 * normalized text was already prepared on this context (same run).
	 * duplicate_of is the first document's id (owned by the doc). Such a
	 * document is not segmented (nsent == 0): callers skip it. */
	int duplicate_of_seen;
	char *duplicate_of;
	uint64_t origin_bytes; /* raw size of the document in its input (for throughput) */
} pw_doc;

/* Input formats. AUTO chooses by extension, then by sniffing content. */
typedef enum pw_input_format {
	PW_INPUT_AUTO = 0,
	PW_INPUT_JSONL,
	PW_INPUT_TXT,
	PW_INPUT_HTML,
	PW_INPUT_RSS,   /* RSS 2.0 or Atom: detected from the root element */
	PW_INPUT_ATOM
} pw_input_format;

typedef struct pw_reader_options {
	unsigned version;
	pw_input_format format;    /* force a format for every file */
	const char *default_date;  /* --date for txt/html inputs without a date */
	const char *default_lang;  /* NULL: detect */
	size_t max_doc_bytes;      /* 0: default 64 MiB; longer documents are rejected */
} pw_reader_options;

#define PW_READER_OPTIONS_VERSION 1
#define PW_READER_OPTIONS_INIT {PW_READER_OPTIONS_VERSION, PW_INPUT_AUTO, NULL, NULL, 0}

typedef struct pw_reader pw_reader;

/* Open a reader over a path: a file, a directory (read recursively, in
 * sorted order), or "-" for stdin. Compressed files (.gz, .zst) are
 * decompressed. *out is new, free with pw_reader_free(). */
int pw_reader_open(pw_reader **out, pw_context *ctx, const char *path,
		   const pw_reader_options *opts);

/* Next document. Returns 1 and sets *out (a new pw_doc, free with
 * pw_doc_free()) when a document was read; 0 at the end of input; a negative
 * code only when reading cannot go on at all (e.g. the file vanished).
 * Documents that are malformed are reported through the context's
 * diagnostics and skipped: they never end the run. */
int pw_reader_next(pw_doc **out, pw_reader *r);
void pw_reader_free(pw_reader *r);
/* Bytes read from the inputs so far (after decompression). */
uint64_t pw_reader_bytes(const pw_reader *r);
/* Parse a format name ("jsonl", "txt", "html", "rss", "atom", "auto") into
 * *out. Returns 0 or PW_EINVAL. */
int pw_input_format_parse(pw_input_format *out, const char *name);

/* Build a document from fields (copies them). Used by the HTTP API and tests. */
int pw_doc_new(pw_doc **out, pw_context *ctx, const char *id, const char *date,
	       const char *lang, const char *text, size_t text_len);
/* Parse one JSON-lines record into a document; file/line are for messages. */
int pw_doc_from_json(pw_doc **out, pw_context *ctx, const char *json, size_t len,
		     const char *file, uint64_t line);
void pw_doc_free(pw_doc *doc);

/* Normalize (UTF-8 repair, NFC, typography), detect language unless given,
 * segment into sentences. Idempotent. */
int pw_doc_prepare(pw_context *ctx, pw_doc *doc);

/* Validate and normalize a date: "YYYY-MM-DD", RFC 3339, RFC 822 (RSS) ->
 * "YYYY-MM-DD" in out (11 bytes). Returns 0 or PW_EPARSE. */
int pw_date_normalize(char out[11], const char *in);

/* Forget the content hashes of documents seen so far on ctx (duplicates
 * are then no longer recognized across this point). */
void pw_seen_clear(pw_context *ctx);
/* Register a content hash with its document id without preparing a document
 * (e.g. the store loading hashes it already holds). Returns 0, PW_EDUP if
 * the hash was already registered (then *dup_of, if not NULL, is the first
 * id, borrowed from the context), or PW_ENOMEM. */
int pw_seen_add(pw_context *ctx, uint64_t hash, const char *id, const char **dup_of);
/* The 64-bit content hash pw_doc_prepare() uses (of normalized text). */
uint64_t pw_doc_text_hash(const char *text, size_t len);

#ifdef __cplusplus
}
#endif
#endif
