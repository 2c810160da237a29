/*
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds: every item/entry is a document.
 * Parsed with libxml2's XML parser with NONET, without NOENT (entities are
 * not expanded) and without DTD loading, so a hostile feed can neither
 * fetch nor blow up. Item bodies are HTML (escaped or CDATA) and go through
 * the HTML reader; Atom XHTML content is walked directly.
 */
#include "ingest.h"
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>

static int is(xmlNode *n, const char *local)
{
	return n->type == XML_ELEMENT_NODE && n->name && !strcmp((const char *)n->name, local);
}

static xmlNode *child(xmlNode *n, const char *local)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (is(n, local))
			return n;
	return NULL;
}

/* Text of an element (entity references left out, not expanded). */
static char *text(pw_context *ctx, xmlNode *n, int *oom)
{
	pw_buf b;
	xmlNode *c;
	char *s;

	if (!n)
		return NULL;
	pw_buf_init(&b, ctx);
	for (c = n->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			pw_buf_puts(&b, (const char *)c->content);
	s = pw_buf_detach(&b, NULL);
	if (!s) {
		*oom = 1;
		return NULL;
	}
	pw_collapse_space(s, strlen(s));
	if (!*s) {
		pw_free(ctx, s);
		return NULL;
	}
	return s;
}

static const char *prop(xmlNode *n, const char *name)
{
	xmlAttr *a;

	for (a = n->properties; a; a = a->next)
		if (!strcmp((const char *)a->name, name) && a->children && a->children->content)
			return (const char *)a->children->content;
	return NULL;
}

/* The body of an item: the richest of content:encoded / content /
 * description / summary, converted from HTML. */
static int body(pw_buf *out, pw_context *ctx, xmlNode *item)
{
	static const char *const order[] = {"encoded", "content", "description", "summary"};
	size_t k;

	for (k = 0; k < PW_ARRAY_LEN(order); k++) {
		xmlNode *n = child(item, order[k]);
		const char *type;
		pw_html_info hi = {0};
		int oom = 0, rc;
		char *s;

		if (!n)
			continue;
		type = prop(n, "type");
		if (type && !strcmp(type, "xhtml")) {
			rc = pw_html_tree_text(out, &hi, ctx, n->children);
		} else {
			s = text(ctx, n, &oom);
			if (oom)
				return PW_ENOMEM;
			if (!s)
				continue;
			if (type && !strcmp(type, "text"))
				rc = pw_buf_puts(out, s);
			else
				rc = pw_html_extract(out, &hi, ctx, s, strlen(s), 1);
			pw_free(ctx, s);
		}
		pw_html_info_free(ctx, &hi);
		if (rc)
			return rc;
		if (!pw_text_blank(out->data ? out->data : "", out->len))
			return 0;
		pw_buf_reset(out);
	}
	return 0;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static int item_doc(pw_doc **out, pw_context *ctx, xmlNode *item, int atom, size_t index,
		    const char *file, const char *feed_title, const pw_reader_options *opts)
{
	pw_doc *doc = NULL;
	pw_buf b;
	char *id = NULL, *date = NULL, *title = NULL, *url = NULL;
	int oom = 0, rc;
	xmlNode *n;

	*out = NULL;
	title = text(ctx, child(item, "title"), &oom);
	if (atom) {
		for (n = item->children; n; n = n->next) {
			const char *rel = is(n, "link") ? prop(n, "rel") : NULL;

			if (is(n, "link") && (!rel || !strcmp(rel, "alternate")) && !url && prop(n, "href")) {
				url = pw_strdup(ctx, prop(n, "href"));
				oom |= !url;
			}
		}
		id = text(ctx, child(item, "id"), &oom);
		date = text(ctx, child(item, "published"), &oom);
		if (!date)
			date = text(ctx, child(item, "updated"), &oom);
	} else {
		url = text(ctx, child(item, "link"), &oom);
		id = text(ctx, child(item, "guid"), &oom);
		date = text(ctx, child(item, "pubDate"), &oom);
		if (!date)
			date = text(ctx, child(item, "date"), &oom);   /* dc:date */
	}
	if (!id && url)
		id = pw_strdup(ctx, url), oom |= !id;
	if (!id) {
		char gen[300];

		/* a feed item may legitimately lack an id: name it by position */
		snprintf(gen, sizeof(gen), "%.250s#%zu", base_name(file), index);
		id = pw_strdup(ctx, gen);
		oom |= !id;
	}
	rc = oom ? PW_ENOMEM : pw_doc_alloc(&doc, ctx);
	if (rc)
		goto out;
	doc->id = id;
	doc->title = title;
	doc->url = url;
	id = title = url = NULL;
	if ((rc = pw_doc_set(ctx, &doc->origin_file, file, strlen(file))))
		goto out;
	if (feed_title && (rc = pw_doc_set(ctx, &doc->source, feed_title, strlen(feed_title))))
		goto out;
	pw_buf_init(&b, ctx);
	rc = body(&b, ctx, item);
	if (rc == PW_ELIMIT) {
		pw_diag_emit(ctx, PW_DIAG_ERROR, file, 0, UINT64_MAX, doc->id, "feed item %zu: %s: "
			     "skipped", index, pw_error_last(ctx));
		rc = PW_EPARSE;
	}
	if (!rc) {
		doc->text = pw_buf_detach(&b, &doc->text_len);
		rc = doc->text ? 0 : PW_ENOMEM;
	}
	pw_buf_free(&b);
	if (rc)
		goto out;
	doc->origin_bytes = doc->text_len;
	if ((rc = pw_doc_clean_meta(ctx, doc)))
		goto out;
	if (pw_text_blank(doc->text, doc->text_len)) {
		/* a headline-only item still carries its title as text */
		if (doc->title) {
			pw_free(ctx, doc->text);
			doc->text = pw_strdup(ctx, doc->title);
			if (!doc->text) {
				rc = PW_ENOMEM;
				goto out;
			}
			doc->text_len = strlen(doc->text);
		} else {
			pw_diag_emit(ctx, PW_DIAG_ERROR, file, 0, UINT64_MAX, doc->id,
				     "feed item %zu: empty document: skipped", index);
			rc = PW_EPARSE;
			goto out;
		}
	}
	if (!date && opts && opts->default_date)
		rc = pw_doc_apply_date(ctx, doc, opts->default_date, "date");
	else
		rc = pw_doc_apply_date(ctx, doc, date, atom ? "<published>/<updated>" : "<pubDate>");
	if (!rc) {
		xmlChar *lang = xmlNodeGetLang(item);

		/* xml:lang on the item or the feed, else --lang */
		if (lang)
			rc = pw_doc_apply_lang(ctx, doc, (const char *)lang);
		xmlFree(lang);
	}
	if (!rc && !doc->lang && opts && opts->default_lang)
		rc = pw_doc_apply_lang(ctx, doc, opts->default_lang);
out:
	pw_free(ctx, id);
	pw_free(ctx, title);
	pw_free(ctx, url);
	pw_free(ctx, date);
	if (rc) {
		pw_doc_free(doc);
		return rc;
	}
	*out = doc;
	return 0;
}

static int push(pw_doc ***docs, size_t *n, pw_context *ctx, pw_doc *d)
{
	pw_doc **v = pw_realloc(ctx, *docs, (*n + 1) * sizeof(*v));

	if (!v)
		return PW_ENOMEM;
	v[(*n)++] = d;
	*docs = v;
	return 0;
}

int pw_feed_parse(pw_doc ***docs, size_t *ndocs, pw_context *ctx, const char *xml, size_t len,
		  const char *file, const pw_reader_options *opts)
{
	xmlParserCtxtPtr pctx;
	xmlDocPtr d;
	xmlNode *root, *chan, *n;
	char *feed_title;
	int atom, oom = 0, rc = 0;
	size_t index = 0;

	if (len > INT32_MAX)
		return PW_ELIMIT;
	pctx = xmlNewParserCtxt();
	if (!pctx)
		return pw_error_set(ctx, PW_ENOMEM, "libxml2: cannot create a parser");
	d = xmlCtxtReadMemory(pctx, xml, (int)len, NULL, NULL,
			      XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR |
			      XML_PARSE_NOWARNING);
	if (d && !pctx->wellFormed) {
		/* Recovery keeps what came before a fatal error (an entity loop, a
		 * truncated download) and silently drops the rest: say so, with
		 * the place, so the analyst knows items may be missing. */
		const xmlError *e = xmlCtxtGetLastError(pctx);

		pw_diag_emit(ctx, PW_DIAG_ERROR, file, e ? (uint64_t)e->line : 0, UINT64_MAX, NULL,
			     "malformed feed XML (%s): items after this point may be lost",
			     e && e->message ? strtok(e->message, "\n") : "parse error");
	}
	xmlFreeParserCtxt(pctx);
	root = d ? xmlDocGetRootElement(d) : NULL;
	if (!root || !(is(root, "rss") || is(root, "feed") || is(root, "RDF"))) {
		pw_diag_emit(ctx, PW_DIAG_ERROR, file, 0, UINT64_MAX, NULL,
			     "not an RSS or Atom feed (root element %s): skipped",
			     root && root->name ? (const char *)root->name : "missing");
		xmlFreeDoc(d);
		return PW_EPARSE;
	}
	atom = is(root, "feed");
	chan = atom ? root : is(root, "RDF") ? root : child(root, "channel");
	feed_title = text(ctx, child(is(root, "RDF") ? child(root, "channel") : chan, "title"), &oom);
	if (oom)
		rc = PW_ENOMEM;
	for (n = chan ? chan->children : NULL; n && !rc; n = n->next) {
		pw_doc *doc;

		if (!is(n, atom ? "entry" : "item"))
			continue;
		index++;
		rc = item_doc(&doc, ctx, n, atom, index, file, feed_title, opts);
		if (rc == PW_EPARSE) {
			rc = 0;
			continue;
		}
		if (!rc && (rc = push(docs, ndocs, ctx, doc)))
			pw_doc_free(doc);
	}
	if (!rc && index == 0)
		pw_diag_emit(ctx, PW_DIAG_WARNING, file, 0, UINT64_MAX, NULL, "feed has no items");
	pw_free(ctx, feed_title);
	xmlFreeDoc(d);
	return rc;
}
