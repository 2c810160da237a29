/*
 * pactwatch — security-partnership event coder and tracker.
 *
 * The public API. Include this header only; it includes the rest:
 *   common.h   context, errors, allocator, diagnostics
 *   doc.h      ingest (readers), normalization, segmentation
 *   actors.h   actor dictionaries and matching
 *   coder.h    event coding (patterns, clauses, modality, dates)
 *   events.h   the event record and its output formats
 *   store.h    SQLite / PostgreSQL store
 *   tracker.h  partnerships, incidents, queries
 *   export.h   exports (JSONL, TSV, CSV, GraphML, GEXF)
 *   pipeline.h parallel and sharded coding, merge
 *   serve.h    HTTP API and dashboard
 *   watch.h    feed polling, alerts, webhook outbox
 *   brief.h    Markdown/HTML digest of changes
 *
 * Conventions (as libgit2): functions return 0 or a negative PW_E* code and
 * leave a message in pw_error_last(ctx); out-parameters come first; every
 * function that returns a new object names the function that frees it.
 */
#ifndef PACTWATCH_H
#define PACTWATCH_H

#include "common.h"
#include "doc.h"
#include "events.h"
#include "actors.h"
#include "coder.h"
#include "store.h"
#include "tracker.h"
#include "export.h"
#include "pipeline.h"
#include "serve.h"
#include "watch.h"
#include "brief.h"

#endif
