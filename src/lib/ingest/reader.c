/*
 * Readers: paths (files, directories walked recursively in sorted order,
 * "-" for stdin) to documents. Input is streamed through a decompressor
 * when it is gzip or zstd (by extension or magic bytes). JSON lines are read
 * line by line from a buffer that grows to at most max_doc_bytes, so a
 * 100 MB line is skipped (and reported) without being held twice; other
 * formats are read whole up to that limit.
 */
#include "ingest.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#define CHUNK (1u << 20)
#define DEFAULT_MAX_DOC (64u << 20)

/* ---- byte sources ----------------------------------------------------- */

enum { SRC_RAW, SRC_GZ, SRC_ZST };

typedef struct src {
	pw_context *ctx;
	int fd, kind, eof, zdone;
	unsigned char *in;        /* compressed input (or peeked raw bytes) */
	size_t in_len, in_pos;
	z_stream z;
	int z_init;
	ZSTD_DCtx *zd;
} src;

static int src_fill(src *s)
{
	ssize_t k;

	if (s->in_pos < s->in_len || s->eof)
		return 0;
	do
		k = read(s->fd, s->in, CHUNK);
	while (k < 0 && errno == EINTR);
	if (k < 0)
		return -1;
	s->in_pos = 0;
	s->in_len = (size_t)k;
	if (k == 0)
		s->eof = 1;
	return 0;
}

/* Open over fd, detecting compression from the name or the magic bytes.
 * inbuf (CHUNK bytes) is the reader's, reused for every file: a fresh
 * megabyte per file would cost a mmap and page faults on directories of
 * many small articles. */
static int src_open(src *s, pw_context *ctx, int fd, const char *name, unsigned char *inbuf)
{
	size_t nl = strlen(name);

	memset(s, 0, sizeof(*s));
	s->ctx = ctx;
	s->fd = fd;
	s->in = inbuf;
	/* peek: read until we have 4 bytes or the end */
	while (s->in_len < 4 && !s->eof) {
		ssize_t k = read(fd, s->in + s->in_len, CHUNK - s->in_len);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		if (k == 0)
			s->eof = 1;
		s->in_len += (size_t)k;
	}
	if ((s->in_len >= 2 && s->in[0] == 0x1f && s->in[1] == 0x8b) ||
	    (nl > 3 && !strcmp(name + nl - 3, ".gz") && s->in_len == 0)) {
		s->kind = SRC_GZ;
		if (inflateInit2(&s->z, 15 + 32) != Z_OK)
			return PW_ENOMEM;
		s->z_init = 1;
	} else if (s->in_len >= 4 && s->in[0] == 0x28 && s->in[1] == 0xb5 && s->in[2] == 0x2f &&
		   s->in[3] == 0xfd) {
		s->kind = SRC_ZST;
		s->zd = ZSTD_createDCtx();
		if (!s->zd)
			return PW_ENOMEM;
	}
	return 0;
}

/* Read up to n decompressed bytes: >0, 0 at the end, -1 read error, -2
 * corrupt compressed data. */
static ssize_t src_read(src *s, char *out, size_t n)
{
	if (s->kind == SRC_RAW) {
		ssize_t k;

		if (s->in_pos < s->in_len) {
			size_t m = PW_MIN(n, s->in_len - s->in_pos);

			memcpy(out, s->in + s->in_pos, m);
			s->in_pos += m;
			return (ssize_t)m;
		}
		if (s->eof)
			return 0;
		do
			k = read(s->fd, out, n);
		while (k < 0 && errno == EINTR);
		if (k == 0)
			s->eof = 1;
		return k;
	}
	for (;;) {
		size_t produced;

		if (s->zdone)
			return 0;
		if (src_fill(s))
			return -1;
		if (s->in_pos >= s->in_len && s->eof)
			return s->kind == SRC_GZ && s->z.total_out == 0 && s->z.total_in == 0 ? 0 : -2;
		if (s->kind == SRC_GZ) {
			int zr;

			s->z.next_in = s->in + s->in_pos;
			s->z.avail_in = (uInt)(s->in_len - s->in_pos);
			s->z.next_out = (Bytef *)out;
			s->z.avail_out = (uInt)PW_MIN(n, (size_t)UINT32_MAX);
			zr = inflate(&s->z, Z_NO_FLUSH);
			s->in_pos = s->in_len - s->z.avail_in;
			produced = (size_t)((char *)s->z.next_out - out);
			if (zr == Z_STREAM_END) {
				/* concatenated gzip members are one stream */
				if (src_fill(s))
					return -1;
				if (s->in_pos >= s->in_len && s->eof)
					s->zdone = 1;
				else
					inflateReset(&s->z);
			} else if (zr != Z_OK && zr != Z_BUF_ERROR) {
				return -2;
			}
		} else {
			ZSTD_inBuffer ib = {s->in, s->in_len, s->in_pos};
			ZSTD_outBuffer ob = {out, n, 0};
			size_t zr = ZSTD_decompressStream(s->zd, &ob, &ib);

			if (ZSTD_isError(zr))
				return -2;
			s->in_pos = ib.pos;
			produced = ob.pos;
			if (zr == 0 && s->in_pos >= s->in_len) {
				if (src_fill(s))
					return -1;
				if (s->eof && s->in_pos >= s->in_len)
					s->zdone = 1;
			}
		}
		if (produced)
			return (ssize_t)produced;
	}
}

static void src_close(src *s)
{
	if (s->z_init)
		inflateEnd(&s->z);
	if (s->zd)
		ZSTD_freeDCtx(s->zd);
	if (s->fd > 0)
		close(s->fd);
	memset(s, 0, sizeof(*s));
	s->fd = -1;
}

/* ---- the reader --------------------------------------------------------- */

struct pw_reader {
	pw_context *ctx;
	pw_reader_options opts;
	size_t maxb;
	char **files;
	size_t nfiles, fi;
	/* the current file */
	int open;
	src s;
	unsigned char *inbuf;   /* CHUNK bytes for the byte source, reused */
	const char *name;
	pw_input_format fmt;
	char *buf;
	size_t blen, bpos, bcap;
	uint64_t lineno;
	int in_eof;
	/* documents parsed ahead (feed items) */
	pw_doc **q;
	size_t qn, qi;
	uint64_t bytes;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_file(pw_reader *r, const char *path)
{
	char **v = pw_realloc(r->ctx, r->files, (r->nfiles + 1) * sizeof(*v));

	if (!v)
		return PW_ENOMEM;
	r->files = v;
	v[r->nfiles] = pw_strdup(r->ctx, path);
	if (!v[r->nfiles])
		return PW_ENOMEM;
	r->nfiles++;
	return 0;
}

static int walk_dir(pw_reader *r, const char *dir, int depth)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, i;
	int rc = 0;

	if (depth > 64)
		return pw_error_set(r->ctx, PW_ELIMIT, "%s: directories nested too deep", dir);
	d = opendir(dir);
	if (!d) {
		pw_diag_emit(r->ctx, PW_DIAG_ERROR, dir, 0, UINT64_MAX, NULL, "cannot open directory: %s",
			     strerror(errno));
		return 0;
	}
	while (!rc && (e = readdir(d))) {
		char **v;

		if (e->d_name[0] == '.')
			continue;   /* ., .. and hidden files */
		v = pw_realloc(r->ctx, names, (n + 1) * sizeof(*v));
		if (!v) {
			rc = PW_ENOMEM;
			break;
		}
		names = v;
		names[n] = pw_malloc(r->ctx, strlen(dir) + strlen(e->d_name) + 2);
		if (!names[n]) {
			rc = PW_ENOMEM;
			break;
		}
		sprintf(names[n], "%s/%s", dir, e->d_name);
		n++;
	}
	closedir(d);
	if (!rc)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		struct stat st;

		if (!rc && stat(names[i], &st) == 0) {
			if (S_ISDIR(st.st_mode))
				rc = walk_dir(r, names[i], depth + 1);
			else if (S_ISREG(st.st_mode))
				rc = add_file(r, names[i]);
		}
		pw_free(r->ctx, names[i]);
	}
	pw_free(r->ctx, names);
	return rc;
}

int pw_input_format_parse(pw_input_format *out, const char *name)
{
	static const struct { const char *n; pw_input_format f; } names[] = {
		{"auto", PW_INPUT_AUTO}, {"jsonl", PW_INPUT_JSONL}, {"ndjson", PW_INPUT_JSONL},
		{"txt", PW_INPUT_TXT}, {"text", PW_INPUT_TXT}, {"html", PW_INPUT_HTML},
		{"rss", PW_INPUT_RSS}, {"atom", PW_INPUT_ATOM}, {"feed", PW_INPUT_RSS},
	};
	size_t i;

	for (i = 0; i < PW_ARRAY_LEN(names); i++)
		if (!strcmp(name, names[i].n)) {
			*out = names[i].f;
			return 0;
		}
	return PW_EINVAL;
}

void pw_reader_free(pw_reader *r)
{
	size_t i;

	if (!r)
		return;
	if (r->open)
		src_close(&r->s);
	for (i = 0; i < r->nfiles; i++)
		pw_free(r->ctx, r->files[i]);
	pw_free(r->ctx, r->files);
	for (i = r->qi; i < r->qn; i++)
		pw_doc_free(r->q[i]);
	pw_free(r->ctx, r->q);
	pw_free(r->ctx, r->buf);
	pw_free(r->ctx, r->inbuf);
	pw_free(r->ctx, r);
}

int pw_reader_open(pw_reader **out, pw_context *ctx, const char *path,
		   const pw_reader_options *opts)
{
	pw_reader *r;
	struct stat st;
	int rc = 0;

	*out = NULL;
	if (!path)
		return pw_error_set(ctx, PW_EINVAL, "pw_reader_open: no path");
	if (strcmp(path, "-") && stat(path, &st) != 0)
		return pw_error_set(ctx, PW_EIO, "%s: %s", path, strerror(errno));
	r = pw_calloc(ctx, 1, sizeof(*r));
	if (!r)
		return PW_ENOMEM;
	r->ctx = ctx;
	if (opts)
		r->opts = *opts;
	else
		r->opts = (pw_reader_options)PW_READER_OPTIONS_INIT;
	r->maxb = r->opts.max_doc_bytes ? r->opts.max_doc_bytes : DEFAULT_MAX_DOC;
	if (r->maxb > (size_t)UINT32_MAX / 4)
		r->maxb = (size_t)UINT32_MAX / 4;   /* sentence offsets are 32-bit */
	if (!strcmp(path, "-") || !S_ISDIR(st.st_mode))
		rc = add_file(r, path);
	else
		rc = walk_dir(r, path, 0);
	if (rc) {
		pw_reader_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

uint64_t pw_reader_bytes(const pw_reader *r)
{
	return r->bytes;
}

static pw_input_format format_from_name(const char *name)
{
	size_t n = strlen(name);
	const char *e;

	if (n > 3 && !strcmp(name + n - 3, ".gz"))
		n -= 3;
	else if (n > 4 && !strcmp(name + n - 4, ".zst"))
		n -= 4;
	for (e = name + n; e > name && e[-1] != '.' && e[-1] != '/'; e--)
		;
	if (e == name || e[-1] != '.')
		return PW_INPUT_AUTO;
#define EXT(s) ((size_t)(name + n - e) == strlen(s) && !strncasecmp(e, s, strlen(s)))
	if (EXT("jsonl") || EXT("ndjson") || EXT("json"))
		return PW_INPUT_JSONL;
	if (EXT("txt") || EXT("text"))
		return PW_INPUT_TXT;
	if (EXT("html") || EXT("htm") || EXT("xhtml"))
		return PW_INPUT_HTML;
	if (EXT("rss") || EXT("xml") || EXT("atom"))
		return PW_INPUT_RSS;
#undef EXT
	return PW_INPUT_AUTO;
}

static pw_input_format sniff(const char *b, size_t n)
{
	size_t i = 0, m;
	char head[513];

	if (n >= 3 && !memcmp(b, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
		i++;
	if (i < n && b[i] == '{')
		return PW_INPUT_JSONL;
	if (i >= n || b[i] != '<')
		return PW_INPUT_TXT;
	m = PW_MIN(n - i, sizeof(head) - 1);
	for (size_t k = 0; k < m; k++)
		head[k] = (char)(b[i + k] >= 'A' && b[i + k] <= 'Z' ? b[i + k] + 32 : b[i + k]);
	head[m] = '\0';
	if (strstr(head, "<rss") || strstr(head, "<feed") || strstr(head, "<rdf:rdf"))
		return PW_INPUT_RSS;
	return PW_INPUT_HTML;
}

/* Binary data: known magic numbers, or control bytes in more than 1 of 10
 * of the first 4 KiB (a stray NUL in text is repaired, not rejected). */
static int is_binary(const char *b, size_t n)
{
	size_t i, ctrl = 0, m = PW_MIN(n, 4096);

	if ((n >= 4 && (!memcmp(b, "\x89PNG", 4) || !memcmp(b, "PK\x03\x04", 4) ||
			!memcmp(b, "\x7f" "ELF", 4) || !memcmp(b, "GIF8", 4) || !memcmp(b, "%PDF", 4))) ||
	    (n >= 3 && !memcmp(b, "\xff\xd8\xff", 3)))
		return 1;
	for (i = 0; i < m; i++) {
		unsigned char c = (unsigned char)b[i];

		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f)
			ctrl++;
	}
	return ctrl * 10 > m && ctrl > 2;
}

/* Read more into r->buf (compacting first). Returns bytes added, 0 at the
 * end or after reporting a read error, PW_ENOMEM. */
static ssize_t fill(pw_reader *r)
{
	ssize_t k;

	if (r->bpos) {
		memmove(r->buf, r->buf + r->bpos, r->blen - r->bpos);
		r->blen -= r->bpos;
		r->bpos = 0;
	}
	if (r->bcap - r->blen < CHUNK) {
		size_t cap = r->bcap ? r->bcap * 2 : 4 * CHUNK;
		char *nb;

		while (cap - r->blen < CHUNK)
			cap *= 2;
		nb = pw_realloc(r->ctx, r->buf, cap + 1);
		if (!nb)
			return PW_ENOMEM;
		r->buf = nb;
		r->bcap = cap;
	}
	k = src_read(&r->s, r->buf + r->blen, CHUNK);
	if (k < 0) {
		pw_diag_emit(r->ctx, PW_DIAG_ERROR, r->name, 0, UINT64_MAX, NULL, "%s: rest of file skipped",
			     k == -2 ? "corrupt compressed data" : strerror(errno));
		r->in_eof = 1;
		return 0;   /* reported: the file ends here */
	}
	if (k == 0)
		r->in_eof = 1;
	r->blen += (size_t)k;
	r->bytes += (uint64_t)k;
	return k;
}

static void close_file(pw_reader *r)
{
	if (r->open)
		src_close(&r->s);
	r->open = 0;
	r->blen = r->bpos = 0;
	/* keep the buffer for the next file unless it grew for a huge one */
	if (r->bcap > 16 * CHUNK) {
		pw_free(r->ctx, r->buf);
		r->buf = NULL;
		r->bcap = 0;
	}
	r->fi++;
}

/* Open the next file; 1 if one was opened, 0 at the end. */
static int open_next(pw_reader *r)
{
	while (r->fi < r->nfiles) {
		const char *name = r->files[r->fi];
		int fd = strcmp(name, "-") ? open(name, O_RDONLY | O_CLOEXEC) : 0;
		int rc;

		if (fd < 0) {
			pw_diag_emit(r->ctx, PW_DIAG_ERROR, name, 0, UINT64_MAX, NULL, "cannot open: %s",
				     strerror(errno));
			r->fi++;
			continue;
		}
		r->name = name;
		r->lineno = 0;
		r->in_eof = 0;
		r->blen = r->bpos = 0;
		if (!r->inbuf && !(r->inbuf = pw_malloc(r->ctx, CHUNK))) {
			if (fd > 0)
				close(fd);
			return PW_ENOMEM;
		}
		rc = src_open(&r->s, r->ctx, fd, name, r->inbuf);
		r->open = 1;
		if (rc == PW_ENOMEM)
			return rc;
		if (rc) {
			pw_diag_emit(r->ctx, PW_DIAG_ERROR, name, 0, UINT64_MAX, NULL, "cannot read: %s",
				     strerror(errno));
			close_file(r);
			continue;
		}
		if (r->s.kind == SRC_RAW && fd > 0) {
			struct stat st;

			/* a whole-file format reads it all: one allocation, no
			 * doubling copies (a JSON-lines file only needs lines) */
			if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
			    (size_t)st.st_size > r->bcap && (size_t)st.st_size <= r->maxb &&
			    format_from_name(name) != PW_INPUT_JSONL && r->opts.format != PW_INPUT_JSONL) {
				char *nb = pw_realloc(r->ctx, r->buf, (size_t)st.st_size + CHUNK + 1);

				if (!nb)
					return PW_ENOMEM;
				r->buf = nb;
				r->bcap = (size_t)st.st_size + CHUNK;
			}
		}
		/* first chunk: format and binary sniffing */
		if (fill(r) == PW_ENOMEM)
			return PW_ENOMEM;
		r->fmt = r->opts.format ? r->opts.format : format_from_name(name);
		if (!r->fmt)
			r->fmt = sniff(r->buf, r->blen);
		if (r->blen && is_binary(r->buf, r->blen)) {
			pw_diag_emit(r->ctx, PW_DIAG_ERROR, name, 0, 0, NULL,
				     "binary data, not text: file skipped");
			close_file(r);
			continue;
		}
		return 1;
	}
	return 0;
}

/* Whole-file formats: read everything (up to the limit) and parse. */
static int read_whole(pw_reader *r, pw_doc **out)
{
	int rc;

	while (!r->in_eof) {
		if (r->blen > r->maxb)
			break;
		if (fill(r) == PW_ENOMEM)
			return PW_ENOMEM;
	}
	if (r->blen > r->maxb) {
		pw_diag_emit(r->ctx, PW_DIAG_ERROR, r->name, 0, UINT64_MAX, NULL,
			     "document larger than %zu bytes: skipped", r->maxb);
		close_file(r);
		return 0;
	}
	if (r->fmt == PW_INPUT_RSS || r->fmt == PW_INPUT_ATOM) {
		rc = pw_feed_parse(&r->q, &r->qn, r->ctx, r->buf, r->blen, r->name, &r->opts);
		close_file(r);
		return rc == PW_EPARSE ? 0 : rc;
	}
	if (r->fmt == PW_INPUT_HTML) {
		rc = pw_text_doc(out, r->ctx, r->buf, r->blen, r->name, 1, &r->opts);
	} else if (r->blen > 4 * CHUNK) {
		/* a large text: the document takes the buffer instead of a copy */
		r->buf[r->blen] = '\0';
		rc = pw_text_doc_take(out, r->ctx, &r->buf, r->blen, r->name, &r->opts);
		r->bcap = 0;
		r->blen = r->bpos = 0;
	} else {
		rc = pw_text_doc(out, r->ctx, r->buf, r->blen, r->name, 0, &r->opts);
	}
	close_file(r);
	return rc == PW_EPARSE ? 0 : rc;
}

/* JSON lines: the next record of the current file. 1 with a doc, 0 when
 * the file is done. */
static int next_line(pw_reader *r, pw_doc **out)
{
	for (;;) {
		char *nl = r->blen > r->bpos ? memchr(r->buf + r->bpos, '\n', r->blen - r->bpos) : NULL;
		size_t ls = r->bpos, le;
		int rc;

		if (!nl) {
			if (!r->in_eof && r->blen - r->bpos <= r->maxb) {
				if (fill(r) == PW_ENOMEM)
					return PW_ENOMEM;
				continue;
			}
			if (r->blen - r->bpos > r->maxb) {
				/* an over-long line: report it, then drop bytes up to
				 * its end without keeping them */
				r->lineno++;
				pw_diag_emit(r->ctx, PW_DIAG_ERROR, r->name, r->lineno, UINT64_MAX, NULL,
					     "line longer than %zu bytes: skipped", r->maxb);
				for (;;) {
					r->bpos = r->blen;
					if (r->in_eof)
						return 0;
					if (fill(r) == PW_ENOMEM)
						return PW_ENOMEM;
					nl = memchr(r->buf, '\n', r->blen);
					if (nl) {
						r->bpos = (size_t)(nl - r->buf) + 1;
						break;
					}
				}
				continue;
			}
			if (r->bpos >= r->blen)
				return 0;
			le = r->blen;   /* last line without a newline */
			r->bpos = r->blen;
		} else {
			le = (size_t)(nl - r->buf);
			r->bpos = le + 1;
		}
		r->lineno++;
		if (le > ls && r->buf[le - 1] == '\r')
			le--;
		if (le - ls > r->maxb) {
			pw_diag_emit(r->ctx, PW_DIAG_ERROR, r->name, r->lineno, UINT64_MAX, NULL,
				     "line longer than %zu bytes: skipped", r->maxb);
			continue;
		}
		if (pw_text_blank(r->buf + ls, le - ls) && !memchr(r->buf + ls, '\0', le - ls))
			continue;   /* blank lines separate nothing */
		rc = pw_jsonl_parse(out, r->ctx, r->buf + ls, le - ls, r->name, r->lineno, &r->opts, 1);
		if (rc == PW_EPARSE)
			continue;
		if (rc)
			return rc;
		return 1;
	}
}

int pw_reader_next(pw_doc **out, pw_reader *r)
{
	*out = NULL;
	for (;;) {
		int rc;

		if (r->qi < r->qn) {
			*out = r->q[r->qi++];
			return 1;
		}
		r->qi = r->qn = 0;
		if (!r->open) {
			rc = open_next(r);
			if (rc <= 0)
				return rc;
		}
		if (r->fmt == PW_INPUT_JSONL) {
			rc = next_line(r, out);
			if (rc != 0)
				return rc;
			close_file(r);
			continue;
		}
		rc = read_whole(r, out);
		if (rc < 0)
			return rc;
		if (*out)
			return 1;
	}
}
