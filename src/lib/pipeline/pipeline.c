/*
 * The parallel runner (see include/pactwatch/pipeline.h for the layout).
 *
 * Why a ring of slots and not batches: with batches every worker waits for
 * the slowest document of the batch (one 2 MB report stalls N-1 cores); a
 * ring lets workers take the next document as soon as they are free, and
 * the writer only waits for the oldest unfinished one. The ring bounds the
 * memory (threads * slots_per_thread documents in flight).
 *
 * Why one context per worker, and dictionaries loaded per context: the
 * actor dictionary (src/lib/actors) and the pattern set (src/lib/events)
 * hang off pw_context and are read-only after load as far as coding goes,
 * but the actor matcher keeps per-context scratch next to the dictionary
 * and the loaders are lazy (first use loads), so sharing one loaded copy
 * would need those modules to promise immutability in their headers. The
 * price of not sharing is load time and memory times N, measured by
 * bench/60-scale.sh (docs/SCALE.md has the figures).
 */
#include "../core/internal.h"
#include "../export/events_write.h"
#include "pactwatch/pipeline.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { SLOT_EMPTY = 0, SLOT_READY, SLOT_BUSY, SLOT_DONE };

/* Internal: the reader gave up on an input (message on the context); the
 * run reports it and goes on with the next input. Never returned. */
#define PW_READ_FAILED (-1000)

typedef struct slot {
	pw_doc *doc;
	pw_buf out;          /* the document's formatted events */
	uint64_t nevents;
	int rc;              /* coder failure (fatal for the run) */
	int other;           /* another shard's document: prepared for its hash only */
	int state;           /* SLOT_*, under the lock */
} slot;

typedef struct sorted_rec {
	char *id;
	char *data;
	size_t len;
	uint64_t order;      /* input order: ties keep the first */
} sorted_rec;

typedef struct worker {
	struct pw_pipeline *p;
	pw_context *ctx;     /* this worker's own context */
	pthread_t th;
	int started;
	char err[1024];
	int rc;
	int quiet;           /* drop diagnostics (another shard's document) */
} worker;

struct pw_pipeline {
	pw_context *ctx;     /* caller's: reader thread only */
	pw_pipeline_options o;
	pw_pipeline_stats st;
	unsigned nworkers;
	int werrno;          /* errno of the failed write, for its message */
	worker *w;
	pw_context *wctx;    /* writer's context: the duplicate set (threaded runs) */
	pw_context *qctx;    /* quiet context: other shards' documents, one thread */

	/* diagnostics from all threads go through this lock to the caller's callback */
	pthread_mutex_t diag_mu;
	pw_diag_fn user_diag;
	void *user_diag_ud;

	/* the ring (threaded runs), all under mu */
	pthread_mutex_t mu;
	pthread_cond_t work, space;
	slot *ring;
	size_t nslots;
	uint64_t nread, next_code, next_write;
	int eof, abort;
	int writing;         /* a worker is writing finished slots (the writer role) */
	int reader_waiting;  /* the reader sleeps until a quarter of the ring is free */
	int fail_rc;
	char fail_msg[1024];
	FILE *f;

	/* --sorted: everything kept until pw_pipeline_finish() */
	sorted_rec *recs;
	size_t nrecs, caprecs;
	int finished;
};

static void fwd_diag(void *ud, const pw_diag *d)
{
	pw_pipeline *p = ud;

	pthread_mutex_lock(&p->diag_mu);
	p->user_diag(p->user_diag_ud, d);
	pthread_mutex_unlock(&p->diag_mu);
}

static void worker_diag(void *ud, const pw_diag *d)
{
	worker *w = ud;

	if (!w->quiet)
		fwd_diag(w->p, d);
}

static void drop_diag(void *ud, const pw_diag *d)
{
	(void)ud;
	(void)d;
}

static int new_worker_ctx(pw_context **out, pw_pipeline *p, pw_diag_fn fn, void *ud)
{
	pw_context_options co = PW_CONTEXT_OPTIONS_INIT;

	co.allocator = &p->ctx->alloc;
	co.diag = fn;
	co.diag_ud = ud;
	co.data_dir = p->ctx->data_dir;
	if (pw_context_new(out, &co))
		return pw_error_set(p->ctx, PW_ENOMEM, "out of memory creating a worker context");
	return 0;
}

static int setup(pw_pipeline *p);

static void *load_main(void *arg)
{
	worker *w = arg;

	w->rc = pw_coder_load(w->ctx);
	return NULL;
}

int pw_pipeline_new(pw_pipeline **out, pw_context *ctx, const pw_pipeline_options *opts)
{
	pw_pipeline_options def = PW_PIPELINE_OPTIONS_INIT;
	pw_pipeline *p;
	int rc;

	*out = NULL;
	if (!opts)
		opts = &def;
	if (opts->shard_count > 1 && opts->shard_index >= opts->shard_count)
		return pw_error_set(ctx, PW_EINVAL, "shard %u/%u: index must be below the count",
				    opts->shard_index, opts->shard_count);
	if (opts->threads > 1024)
		return pw_error_set(ctx, PW_EINVAL, "%u threads: at most 1024", opts->threads);
	p = pw_calloc(ctx, 1, sizeof(*p));
	if (!p)
		return PW_ENOMEM;
	p->ctx = ctx;
	p->o = *opts;
	if (!p->o.slots_per_thread)
		p->o.slots_per_thread = 64;
	p->nworkers = p->o.threads > 1 ? p->o.threads : 0;
	p->user_diag = ctx->diag;
	p->user_diag_ud = ctx->diag_ud;
	pthread_mutex_init(&p->diag_mu, NULL);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->space, NULL);
	if ((rc = setup(p))) {
		pw_pipeline_free(p);
		return rc;
	}
	*out = p;
	return 0;
}

static int setup(pw_pipeline *p)
{
	pw_context *ctx = p->ctx;
	unsigned i;
	int rc;

	/* load now: a dictionary error must come before any output. With
	 * workers the caller's context only reads: it loads nothing. */
	if (!p->nworkers) {
		if ((rc = pw_coder_load(ctx)))
			return rc;
		return p->o.shard_count > 1 && p->o.dedup ? new_worker_ctx(&p->qctx, p, drop_diag, NULL) : 0;
	}
	p->w = pw_calloc(ctx, p->nworkers, sizeof(*p->w));
	p->nslots = (size_t)p->nworkers * p->o.slots_per_thread;
	p->ring = pw_calloc(ctx, p->nslots, sizeof(*p->ring));
	if (!p->w || !p->ring)
		return PW_ENOMEM;
	if ((rc = new_worker_ctx(&p->wctx, p, fwd_diag, p)))
		return rc;
	for (i = 0; i < p->nworkers; i++) {
		p->w[i].p = p;
		if ((rc = new_worker_ctx(&p->w[i].ctx, p, worker_diag, &p->w[i])))
			return rc;
	}
	/* One copy of the dictionaries for all workers: worker 0 loads them,
	 * the others borrow them read-only (pw_context_share_tables) and keep
	 * only their own caches. Loading N copies cost N times the memory and,
	 * on a busy machine, N times the load CPU. */
	load_main(&p->w[0]);
	if (p->w[0].rc)
		return pw_error_set(ctx, p->w[0].rc, "%s", pw_error_last(p->w[0].ctx));
	for (i = 1; i < p->nworkers; i++) {
		if ((rc = pw_context_share_tables(p->w[i].ctx, p->w[0].ctx)) || (rc = pw_coder_load(p->w[i].ctx)))
			return pw_error_set(ctx, rc, "%s", pw_error_last(p->w[i].ctx));
	}
	return 0;
}

/* Format one document's events into b. Returns 0 or the coder's code. */
static int code_into(pw_buf *b, uint64_t *nevents, pw_context *ctx, pw_doc *doc,
		     const pw_pipeline_options *o)
{
	pw_event_list *l = NULL;
	pw_json_memo memo;
	size_t i, n;
	int rc = pw_coder_code_doc(&l, ctx, doc, &o->code);

	*nevents = 0;
	if (rc)
		return rc;
	n = pw_event_list_count(l);
	memset(&memo, 0, sizeof(memo));
	for (i = 0; i < n; i++) {
		const pw_event *e = pw_event_list_get(l, i);

		if (o->format == PW_FMT_TSV)
			pw_event_tsv(b, e);
		else if (o->format == PW_FMT_CSV)
			pw_event_csv(b, e);
		else
			pw_event_json_memo(b, e, &memo);
	}
	*nevents = n;
	pw_event_list_free(l);
	if (b->oom)
		return pw_error_set(ctx, PW_ENOMEM, "doc %s: out of memory formatting events",
				    doc->id ? doc->id : "?");
	return 0;
}

/* Hand one coded document to the output: straight to f, or kept for the
 * sorted finish. Called in document order. */
static int emit(pw_pipeline *p, FILE *f, const pw_doc *doc, const char *data, size_t len,
		uint64_t nevents)
{
	p->st.docs_coded++;
	p->st.events += nevents;
	if (p->o.sorted) {
		/* the writer thread must not touch the caller's context */
		pw_context *ctx = p->wctx ? p->wctx : p->ctx;
		sorted_rec *r;

		if (p->nrecs == p->caprecs) {
			size_t cap = p->caprecs ? p->caprecs * 2 : 1024;
			sorted_rec *v = pw_realloc(ctx, p->recs, cap * sizeof(*v));
			if (!v)
				return PW_ENOMEM;
			p->recs = v;
			p->caprecs = cap;
		}
		r = &p->recs[p->nrecs];
		r->id = pw_strdup(ctx, doc->id ? doc->id : "");
		r->data = len ? pw_malloc(ctx, len) : NULL;
		if (!r->id || (len && !r->data)) {
			pw_free(ctx, r->id);
			pw_free(ctx, r->data);
			return PW_ENOMEM;
		}
		if (len)
			memcpy(r->data, data, len);
		r->len = len;
		r->order = p->nrecs++;
		return 0;
	}
	if ((len && fwrite(data, 1, len, f) != len) || (p->o.line_buffered && len && fflush(f))) {
		p->werrno = pw_io_errno();
		return PW_EIO;
	}
	p->st.bytes_out += len;
	return 0;
}

static int io_fail(pw_context *ctx, int rc, const pw_doc *doc, int werrno)
{
	if (rc == PW_EIO)
		return pw_error_set(ctx, PW_EIO, "write error on the output (doc %s): %s",
				    doc && doc->id ? doc->id : "?", strerror(werrno));
	if (rc == PW_ENOMEM)
		return pw_error_set(ctx, PW_ENOMEM, "out of memory keeping the sorted output");
	return rc;
}

/* 1 if the document is ours to code. Another shard's document is still
 * prepared for its content hash when duplicates are dropped: a shard must
 * know every earlier document's text to decide, as a single run does,
 * whether one of its own is a duplicate (the sample corpus has copies under
 * different ids, and ids hash to different shards). */
static int keep_doc(pw_pipeline *p, const pw_doc *doc)
{
	if (p->o.shard_count <= 1)
		return 1;
	if (pw_shard_of(doc->id, p->o.shard_count) == p->o.shard_index)
		return 1;
	p->st.docs_other_shard++;
	return 0;
}

/* One thread: hash another shard's document on the quiet context and
 * register the hash on ours, as if we had seen it. */
static int note_other(pw_pipeline *p, pw_doc *doc)
{
	int rc;

	if (!p->qctx)
		return 0;
	rc = pw_doc_prepare(p->qctx, doc);
	pw_seen_clear(p->qctx);
	if (rc)
		return pw_error_set(p->ctx, rc, "%s", pw_error_last(p->qctx));
	rc = pw_seen_add(p->ctx, doc->hash, doc->id, NULL);
	return rc == PW_EDUP ? 0 : rc;
}

/* ---- one thread ------------------------------------------------------- */

static int run_inline(pw_pipeline *p, pw_reader *r, FILE *f)
{
	pw_context *ctx = p->ctx;
	pw_buf b;
	pw_doc *doc;
	int rc, failed = 0;

	pw_buf_init(&b, ctx);
	while ((rc = pw_reader_next(&doc, r)) == 1) {
		uint64_t nev;

		p->st.docs_read++;
		if (!keep_doc(p, doc)) {
			rc = note_other(p, doc);
			pw_doc_free(doc);
			if (rc) {
				failed = 1;
				break;
			}
			continue;
		}
		b.len = 0;
		rc = code_into(&b, &nev, ctx, doc, &p->o);
		if (!rc && doc->duplicate_of_seen)
			p->st.docs_duplicate++;
		else if (!rc && (rc = emit(p, f, doc, b.data, b.len, nev)))
			rc = io_fail(ctx, rc, doc, p->werrno);
		/* stateless per document when asked: forget the content hash */
		if (!p->o.dedup)
			pw_seen_clear(ctx);
		pw_doc_free(doc);
		if (rc) {
			failed = 1;
			break;
		}
	}
	pw_buf_free(&b);
	if (rc < 0 && !failed)
		return PW_READ_FAILED;
	return rc < 0 ? rc : 0;
}

/* ---- threads ---------------------------------------------------------- */

/* Slots a worker claims at once. Documents are small (a news item is a
 * few kilobytes, coded in well under a millisecond), so handing them over
 * one by one spent more time in locks and wake-ups than in coding; a few
 * at a time keeps the lock cold. Fewer when the ring is short of work, so
 * that every worker gets some. */
#define CLAIM_MAX 8

static void code_slot(worker *w, slot *s)
{
	pw_pipeline *p = w->p;
	int rc;

	/* the slot's buffer is kept from one document to the next (no malloc
	 * per document, none freed by another thread's allocator arena) */
	if (s->out.data)
		pw_buf_reset(&s->out);
	else
		pw_buf_init(&s->out, w->ctx);
	s->out.ctx = w->ctx;
	if (s->other) {
		w->quiet = 1;
		rc = pw_doc_prepare(w->ctx, s->doc);
		w->quiet = 0;
	} else {
		rc = code_into(&s->out, &s->nevents, w->ctx, s->doc, &p->o);
	}
	/* what this worker allocated for the document (its normalized text,
	 * its sentences) is freed by this worker: the writer needs only the
	 * id, the hash and the origin, and a free in another thread takes this
	 * worker's allocator arena lock */
	pw_free(w->ctx, s->doc->text);
	s->doc->text = NULL;
	s->doc->text_len = 0;
	pw_free(w->ctx, s->doc->sents);
	s->doc->sents = NULL;
	s->doc->nsent = 0;
	/* the writer decides duplicates, in input order, so that the
	 * answer does not depend on which worker saw which copy */
	pw_seen_clear(w->ctx);
	if (rc && !w->rc) {
		w->rc = rc;
		snprintf(w->err, sizeof(w->err), "%s", pw_error_last(w->ctx));
	}
	s->rc = rc;
}

static void drain_locked(pw_pipeline *p);

/* Documents the reader hands over per lock (see run_threads). */
#define READ_BATCH 16

/* Free slots the full ring must have before the reader is woken. */
static uint64_t ring_low_water(const pw_pipeline *p)
{
	return p->nslots >= 4 ? p->nslots / 4 : 1;
}

static void *worker_main(void *arg)
{
	worker *w = arg;
	pw_pipeline *p = w->p;
	int failed = 0;

	pthread_mutex_lock(&p->mu);
	while (!failed) {
		uint64_t first, n, k, avail;

		while (p->next_code >= p->nread && !p->eof && !p->abort)
			pthread_cond_wait(&p->work, &p->mu);
		if (p->abort || p->next_code >= p->nread)
			break;
		avail = p->nread - p->next_code;
		n = (avail + p->nworkers - 1) / p->nworkers;
		if (n > CLAIM_MAX)
			n = CLAIM_MAX;
		first = p->next_code;
		p->next_code += n;
		for (k = 0; k < n; k++)
			p->ring[(first + k) % p->nslots].state = SLOT_BUSY;
		pthread_mutex_unlock(&p->mu);

		for (k = 0; k < n; k++)
			code_slot(w, &p->ring[(first + k) % p->nslots]);

		pthread_mutex_lock(&p->mu);
		for (k = 0; k < n; k++) {
			slot *s = &p->ring[(first + k) % p->nslots];
			s->state = SLOT_DONE;
			failed |= s->rc != 0;
		}
		drain_locked(p);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static void fail_locked(pw_pipeline *p, int rc, const char *msg)
{
	if (!p->fail_rc) {
		p->fail_rc = rc;
		snprintf(p->fail_msg, sizeof(p->fail_msg), "%s", msg);
	}
	p->abort = 1;
	pthread_cond_broadcast(&p->work);
	pthread_cond_broadcast(&p->space);
}

/* Write one finished slot; nonzero when the run must stop there. */
static int write_slot(pw_pipeline *p, slot *s)
{
	const char *dup = NULL;
	int rc = 0;

	if (s->rc) {
		pthread_mutex_lock(&p->mu);
		fail_locked(p, s->rc, "");
		pthread_mutex_unlock(&p->mu);
		return 1;
	}
	if (s->other) {
		rc = pw_seen_add(p->wctx, s->doc->hash, s->doc->id, NULL);
		if (rc == PW_EDUP)
			rc = 0;
	} else if (p->o.dedup && s->doc->prepared &&
	    pw_seen_add(p->wctx, s->doc->hash, s->doc->id, &dup) == PW_EDUP) {
		pw_diag_emit(p->wctx, PW_DIAG_INFO, s->doc->origin_file, s->doc->origin_line,
			     UINT64_MAX, s->doc->id, "duplicate of doc %s: not processed again", dup);
		p->st.docs_duplicate++;
	} else {
		rc = emit(p, p->f, s->doc, s->out.data, s->out.len, s->nevents);
	}
	if (rc) {
		char msg[512];

		if (rc == PW_EIO)
			snprintf(msg, sizeof(msg), "write error on the output (doc %s): %s",
				 s->doc->id ? s->doc->id : "?", strerror(p->werrno));
		else
			snprintf(msg, sizeof(msg), "out of memory in the writer (doc %s)",
				 s->doc->id ? s->doc->id : "?");
		pthread_mutex_lock(&p->mu);
		fail_locked(p, rc, msg);
		pthread_mutex_unlock(&p->mu);
		return 1;
	}
	return 0;
}

/* The writer role, taken by whichever worker finds the next slot in input
 * order finished and nobody writing: it writes every finished slot from
 * there on, with the lock released, then looks again. One writer at a
 * time keeps the order; no writer thread means no thread beyond the
 * workers competing for the cores (with -j 2 on two cores, a writer
 * thread's wake-ups preempted the workers). Called and returns with
 * p->mu held. */
static void drain_locked(pw_pipeline *p)
{
	while (!p->writing && !p->abort && p->next_write < p->nread &&
	       p->ring[p->next_write % p->nslots].state == SLOT_DONE) {
		uint64_t first = p->next_write, n = 0, k;

		p->writing = 1;
		while (first + n < p->nread && p->ring[(first + n) % p->nslots].state == SLOT_DONE)
			n++;
		pthread_mutex_unlock(&p->mu);

		for (k = 0; k < n; k++) {
			slot *s = &p->ring[(first + k) % p->nslots];
			/* the document stays in its slot: the reader frees it when
			 * it reuses the slot, in the thread that allocated most of
			 * it (freeing here took the reader's allocator arena lock
			 * at every document: most of the futex calls of -j 2) */
			int stop = write_slot(p, s);
			if (stop) {
				n = k + 1; /* nothing after a failure is written */
				break;
			}
		}

		pthread_mutex_lock(&p->mu);
		for (k = 0; k < n; k++)
			p->ring[(first + k) % p->nslots].state = SLOT_EMPTY;
		p->next_write += n;
		p->writing = 0;
		if (p->reader_waiting && p->nread - p->next_write <= p->nslots - ring_low_water(p))
			pthread_cond_signal(&p->space);
	}
}

static int run_threads(pw_pipeline *p, pw_reader *r, FILE *f)
{
	unsigned i;
	size_t k;
	int rc = 0;

	p->f = f;
	p->nread = p->next_code = p->next_write = 0;
	p->eof = p->abort = p->writing = 0;
	for (i = 0; i < p->nworkers; i++)
		p->w[i].started = !pthread_create(&p->w[i].th, NULL, worker_main, &p->w[i]);
	if (!p->w[0].started) {
		pthread_mutex_lock(&p->mu);
		fail_locked(p, PW_EINTERNAL, "cannot start threads");
		pthread_mutex_unlock(&p->mu);
	}
	for (;;) {
		/* documents go into the ring a batch at a time: one lock and one
		 * wake-up per batch, not per document (at ~50 MB/s per worker the
		 * reader's lock traffic showed as futex calls); one at a time when
		 * the output is line-buffered, so a quiet pipe is not kept waiting
		 * for a batch to fill */
		pw_doc *batch[READ_BATCH], *spent[READ_BATCH];
		int other[READ_BATCH], stop;
		size_t nb = 0, nspent = 0, want = p->o.line_buffered ? 1 : READ_BATCH;

		while (nb < want && (rc = pw_reader_next(&batch[nb], r)) == 1) {
			p->st.docs_read++;
			other[nb] = !keep_doc(p, batch[nb]);
			if (other[nb] && !p->o.dedup) {
				pw_doc_free(batch[nb]);
				continue;
			}
			nb++;
		}
		pthread_mutex_lock(&p->mu);
		for (k = 0; k < nb && !p->abort; k++) {
			slot *s = &p->ring[p->nread % p->nslots];
			if (s->state != SLOT_EMPTY) {
				/* the ring is full: sleep until a quarter of it is
				 * free, not until one slot is (a wake-up per slot
				 * made the reader and the writer trade futex calls) */
				p->reader_waiting = 1;
				if (k)
					pthread_cond_broadcast(&p->work);
				while (p->nread - p->next_write > p->nslots - ring_low_water(p) && !p->abort)
					pthread_cond_wait(&p->space, &p->mu);
				p->reader_waiting = 0;
				if (p->abort)
					break;
			}
			if (s->doc)
				spent[nspent++] = s->doc; /* written: freed below */
			s->doc = batch[k];
			s->other = other[k];
			s->rc = 0;
			s->nevents = 0;
			s->state = SLOT_READY;
			p->nread++;
		}
		stop = p->abort;
		if (nb)
			pthread_cond_broadcast(&p->work);
		pthread_mutex_unlock(&p->mu);
		for (; k < nb; k++) /* not handed over: the run stops */
			pw_doc_free(batch[k]);
		while (nspent)
			pw_doc_free(spent[--nspent]);
		if (stop || rc != 1)
			break;
	}
	pthread_mutex_lock(&p->mu);
	p->eof = 1;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (i = 0; i < p->nworkers; i++)
		if (p->w[i].started) {
			pthread_join(p->w[i].th, NULL);
			p->w[i].started = 0;
		}
	/* after an abort, documents may be left in the ring */
	for (k = 0; k < p->nslots; k++) {
		/* the buffers outlive their workers' documents: freed here, with
		 * the allocator all contexts share */
		p->ring[k].out.ctx = p->ctx;
		pw_buf_free(&p->ring[k].out);
		pw_doc_free(p->ring[k].doc);
		p->ring[k].doc = NULL;
		p->ring[k].state = SLOT_EMPTY;
	}
	if (p->fail_rc) {
		for (i = 0; i < p->nworkers && !p->fail_msg[0]; i++)
			if (p->w[i].rc)
				snprintf(p->fail_msg, sizeof(p->fail_msg), "%s", p->w[i].err);
		return pw_error_set(p->ctx, p->fail_rc, "%s", p->fail_msg);
	}
	return rc < 0 ? PW_READ_FAILED : 0;
}

int pw_pipeline_run(pw_pipeline *p, const char *path, const pw_reader_options *ro, FILE *f)
{
	pw_reader *r;
	pw_diag_fn saved = p->ctx->diag;
	void *saved_ud = p->ctx->diag_ud;
	uint64_t before;
	int rc;

	if (p->fail_rc)
		return pw_error_set(p->ctx, p->fail_rc, "%s", p->fail_msg);
	/* an unreadable input is bad input, not a failure of the run: it is
	 * reported and the next input is read, as for a malformed document */
	if ((rc = pw_reader_open(&r, p->ctx, path, ro))) {
		pw_diag_emit(p->ctx, PW_DIAG_ERROR, path, 0, UINT64_MAX, NULL, "%s", pw_error_last(p->ctx));
		return 0;
	}
	/* the reader's diagnostics must not interleave with the workers' */
	if (p->nworkers) {
		p->ctx->diag = fwd_diag;
		p->ctx->diag_ud = p;
	}
	before = pw_reader_bytes(r);
	rc = p->nworkers ? run_threads(p, r, f) : run_inline(p, r, f);
	p->st.bytes_in += pw_reader_bytes(r) - before;
	p->ctx->diag = saved;
	p->ctx->diag_ud = saved_ud;
	if (rc == PW_READ_FAILED) {
		pw_diag_emit(p->ctx, PW_DIAG_ERROR, path, 0, UINT64_MAX, NULL, "%s", pw_error_last(p->ctx));
		rc = 0;
	}
	pw_reader_free(r);
	return rc;
}

static int rec_cmp(const void *a, const void *b)
{
	const sorted_rec *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

int pw_pipeline_finish(pw_pipeline *p, FILE *f)
{
	size_t i;

	if (!p->o.sorted || p->finished)
		return 0;
	p->finished = 1;
	if (p->nrecs)
		qsort(p->recs, p->nrecs, sizeof(*p->recs), rec_cmp);
	for (i = 0; i < p->nrecs; i++) {
		sorted_rec *r = &p->recs[i];

		/* one group per document id: the first in input order wins */
		if (i && !strcmp(r->id, p->recs[i - 1].id))
			continue;
		if (r->len && fwrite(r->data, 1, r->len, f) != r->len)
			return pw_error_set(p->ctx, PW_EIO, "write error on the sorted output (doc %s): %s", r->id,
					    strerror(pw_io_errno()));
		p->st.bytes_out += r->len;
	}
	if (fflush(f))
		return pw_error_set(p->ctx, PW_EIO, "write error on the sorted output: %s",
				    strerror(pw_io_errno()));
	return 0;
}

const pw_pipeline_stats *pw_pipeline_get_stats(const pw_pipeline *p)
{
	return &p->st;
}

static void add_counts(pw_context *to, const pw_context *from)
{
	int s;

	for (s = 0; s < 3; s++)
		to->diag_counts[s] += from->diag_counts[s];
}

void pw_pipeline_free(pw_pipeline *p)
{
	pw_context *ctx;
	size_t i;

	if (!p)
		return;
	ctx = p->ctx;
	/* worker 0 owns the tables the others borrow: it goes last */
	for (i = p->nworkers; p->w && i-- > 0;)
		if (p->w[i].ctx) {
			add_counts(ctx, p->w[i].ctx);
			pw_context_free(p->w[i].ctx);
		}
	if (p->wctx) {
		add_counts(ctx, p->wctx);
		pw_context_free(p->wctx);
	}
	pw_context_free(p->qctx);
	for (i = 0; i < p->nrecs; i++) {
		pw_free(ctx, p->recs[i].id);
		pw_free(ctx, p->recs[i].data);
	}
	pw_free(ctx, p->recs);
	pw_free(ctx, p->ring);
	pw_free(ctx, p->w);
	pthread_mutex_destroy(&p->diag_mu);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->space);
	pw_free(ctx, p);
}
