/*
 * HTML to text with libxml2's HTML parser (RECOVER: broken markup still
 * gives a tree; NONET: no fetching). Block elements become line breaks,
 * table cells are joined with " | " so a table row reads as one TABLE line,
 * script/style/navigation are dropped (data/segment/tags.txt says which).
 * The title, publication date, canonical URL and site name come from
 * <title>, <meta> and <time>.
 */
#include "ingest.h"
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdio.h>

/* Our walk recurses once per level: bounded above libxml2's own limit (256
 * elements in 2.9) so that every tree the parser gives is read whole. */
#define WALK_MAX_DEPTH 512

typedef struct walk {
	pw_buf *out;
	pw_html_info *info;
	pw_context *ctx;
	const pw_segtables *t;
	char *time_date;   /* <time datetime>: used when no <meta> gives the date */
	char *h1;          /* first <h1>: the title when there is no <title> */
	int rc;
} walk;

static const char *attr(xmlNode *n, const char *name)
{
	xmlAttr *a;

	for (a = n->properties; a; a = a->next)
		if (a->name && !xmlStrcasecmp(a->name, (const xmlChar *)name) && a->children &&
		    (a->children->type == XML_TEXT_NODE || a->children->type == XML_CDATA_SECTION_NODE))
			return (const char *)a->children->content;
	return NULL;
}

static void set_once(walk *w, char **slot, const char *v)
{
	if (*slot || !v || !*v || w->rc)
		return;
	*slot = pw_strdup(w->ctx, v);
	if (!*slot)
		w->rc = PW_ENOMEM;
}

/* Text content without expanding entity references (a feed's internal
 * entities are never expanded: no billion laughs). */
static void text_of(pw_buf *b, xmlNode *n)
{
	for (; n; n = n->next) {
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
			pw_buf_puts(b, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE)
			text_of(b, n->children);
	}
}

static char *node_text(pw_context *ctx, xmlNode *n)
{
	pw_buf b;
	char *s, *p;

	pw_buf_init(&b, ctx);
	text_of(&b, n->children);
	s = pw_buf_detach(&b, NULL);
	if (s) {
		for (p = s; *p; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
		pw_collapse_space(s, strlen(s));
	}
	return s;
}

static void meta(walk *w, xmlNode *n)
{
	const char *key = attr(n, "property"), *content = attr(n, "content");

	if (!key)
		key = attr(n, "name");
	if (!key)
		key = attr(n, "itemprop");
	if (!key || !content)
		return;
	if (!xmlStrcasecmp((const xmlChar *)key, (const xmlChar *)"article:published_time") ||
	    !xmlStrcasecmp((const xmlChar *)key, (const xmlChar *)"og:published_time") ||
	    !xmlStrcasecmp((const xmlChar *)key, (const xmlChar *)"date") ||
	    !xmlStrcasecmp((const xmlChar *)key, (const xmlChar *)"pubdate") ||
	    !xmlStrcasecmp((const xmlChar *)key, (const xmlChar *)"datePublished") ||
	    !xmlStrcasecmp((const xmlChar *)key, (const xmlChar *)"dc.date"))
		set_once(w, &w->info->date, content);
	else if (!xmlStrcasecmp((const xmlChar *)key, (const xmlChar *)"og:title"))
		set_once(w, &w->h1, content);
	else if (!xmlStrcasecmp((const xmlChar *)key, (const xmlChar *)"og:site_name"))
		set_once(w, &w->info->source, content);
	else if (!xmlStrcasecmp((const xmlChar *)key, (const xmlChar *)"og:url"))
		set_once(w, &w->info->url, content);
}

static void text_node(walk *w, const char *s)
{
	/* newlines inside a text node are layout, not structure */
	const char *p = s;

	while (*p) {
		size_t run = strcspn(p, "\n\r\t");

		pw_buf_append(w->out, p, run);
		p += run;
		if (*p) {
			pw_buf_putc(w->out, ' ');
			p++;
		}
	}
}

static void walk_nodes(walk *w, xmlNode *n, int depth)
{
	for (; n && !w->rc; n = n->next) {
		const char *name;
		int kind, cell;

		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				text_node(w, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || !n->name)
			continue;
		name = (const char *)n->name;
		if (!strcmp(name, "title")) {
			if (!w->info->title) {
				w->info->title = node_text(w->ctx, n);
				if (!w->info->title)
					w->rc = PW_ENOMEM;
			}
			continue;
		}
		if (!strcmp(name, "meta")) {
			meta(w, n);
			continue;
		}
		if (!strcmp(name, "link")) {
			const char *rel = attr(n, "rel");

			if (rel && !xmlStrcasecmp((const xmlChar *)rel, (const xmlChar *)"canonical"))
				set_once(w, &w->info->url, attr(n, "href"));
			continue;
		}
		if (!strcmp(name, "html"))
			set_once(w, &w->info->lang, attr(n, "lang"));
		if (!strcmp(name, "time"))
			set_once(w, &w->time_date, attr(n, "datetime"));
		kind = pw_wordset_get(&w->t->tags, name, strlen(name));
		if (kind == PW_TAG_DROP) {
			if (!strcmp(name, "head"))
				walk_nodes(w, n->children, depth + 1);   /* for title and meta */
			continue;
		}
		if (!strcmp(name, "h1") && !w->h1) {
			w->h1 = node_text(w->ctx, n);
			if (!w->h1)
				w->rc = PW_ENOMEM;
		}
		cell = !strcmp(name, "td") || !strcmp(name, "th");
		if (kind == PW_TAG_BLOCK && !cell)
			pw_buf_putc(w->out, '\n');
		if (depth < WALK_MAX_DEPTH)
			walk_nodes(w, n->children, depth + 1);
		else if (n->children && !w->rc)
			w->rc = pw_error_set(w->ctx, PW_ELIMIT, "HTML nested deeper than %d elements "
					     "at line %ld", WALK_MAX_DEPTH, xmlGetLineNo(n));
		if (cell)
			pw_buf_puts(w->out, " | ");   /* a row reads "a | b |": a TABLE line */
		else if (kind == PW_TAG_BLOCK)
			pw_buf_putc(w->out, '\n');
		else if (kind == PW_TAG_INLINE && !strcmp(name, "img"))
			pw_buf_putc(w->out, ' ');
	}
	if (w->out->oom && !w->rc)
		w->rc = PW_ENOMEM;
}

int pw_html_tree_text(pw_buf *text, pw_html_info *info, pw_context *ctx, xmlNode *node)
{
	walk w = {text, info, ctx, NULL, NULL, NULL, 0};
	int rc = pw_segtables_get(&w.t, ctx);

	info->stop = UINT64_MAX;
	if (rc)
		return rc;
	walk_nodes(&w, node, 0);
	if (!w.rc && !info->title && w.h1) {
		info->title = w.h1;
		w.h1 = NULL;
	}
	if (!w.rc && !info->date && w.time_date) {
		info->date = w.time_date;
		w.time_date = NULL;
	}
	pw_free(ctx, w.h1);
	pw_free(ctx, w.time_date);
	return w.rc;
}

/* Byte offset of libxml2's (line, column): columns count characters. */
static uint64_t byte_offset(const char *s, size_t len, int line, int col)
{
	size_t i = 0;

	if (line < 1 || col < 1)
		return UINT64_MAX;
	while (--line > 0) {
		const char *nl = memchr(s + i, '\n', len - i);
		if (!nl)
			return UINT64_MAX;
		i = (size_t)(nl - s) + 1;
	}
	while (--col > 0 && i < len)
		for (i++; i < len && ((unsigned char)s[i] & 0xC0) == 0x80; i++)
			;
	return i;
}

/* libxml2 halts (keeping the tree read so far) on markup nested deeper than
 * its limit, and on nothing else that HTML_PARSE_RECOVER lets through. The
 * page is then rejected rather than coded from what came before that point:
 * the rest of the article, maybe all of it (100,000 nested <div>s), would be
 * lost without a word, and such nesting is generated or hostile markup, not
 * an article's; naming the cause lets the user fix the page or its scraper. */
static int halted(pw_context *ctx, const htmlParserCtxt *c, pw_html_info *info,
		  const char *html, size_t len)
{
	const xmlError *e = &c->lastError;
	char msg[200];
	unsigned limit;
	size_t n;

	if (!c->disableSAX)
		return 0;
	info->stop = byte_offset(html, len, e->line, e->int2);
	if (e->message && sscanf(e->message, "Excessive depth in document: %u", &limit) == 1)
		return pw_error_set(ctx, PW_ELIMIT, "HTML nested deeper than %u elements (the "
				    "parser's limit) at line %d, column %d", limit, e->line, e->int2);
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "unknown error");
	n = strcspn(msg, "\n");
	msg[n] = '\0';
	return pw_error_set(ctx, PW_ELIMIT, "HTML parsing stopped at line %d, column %d: %s",
			    e->line, e->int2, msg);
}

int pw_html_extract(pw_buf *text, pw_html_info *info, pw_context *ctx, const char *html,
		    size_t len, int fragment)
{
	htmlParserCtxtPtr c;
	htmlDocPtr d;
	int rc, declared = 0;

	info->stop = UINT64_MAX;
	if (len > INT32_MAX)
		return pw_error_set(ctx, PW_ELIMIT, "HTML document too large");
	/* libxml2 assumes ISO-8859-1 for HTML that declares no charset; our
	 * inputs are UTF-8 unless they say otherwise */
	if (!fragment) {
		size_t i, head = PW_MIN(len, 2048);

		for (i = 0; i + 8 <= head; i++)
			if ((html[i] | 0x20) == 'c' && !xmlStrncasecmp((const xmlChar *)html + i,
								       (const xmlChar *)"charset=", 8))
				break;
		declared = i + 8 <= head;
	}
	if (!(c = htmlNewParserCtxt()))
		return PW_ENOMEM;
	d = htmlCtxtReadMemory(c, html, (int)len, NULL, declared ? NULL : "UTF-8",
			       HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
			       HTML_PARSE_NONET);
	rc = halted(ctx, c, info, html, len);
	htmlFreeParserCtxt(c);
	if (!d) {
		/* only an empty input gives no tree at all */
		return rc ? rc : pw_buf_puts(text, "") ? PW_ENOMEM : 0;
	}
	if (!rc)
		rc = pw_html_tree_text(text, info, ctx, xmlDocGetRootElement(d));
	xmlFreeDoc(d);
	return rc;
}

void pw_html_info_free(pw_context *ctx, pw_html_info *info)
{
	pw_free(ctx, info->title);
	pw_free(ctx, info->date);
	pw_free(ctx, info->url);
	pw_free(ctx, info->source);
	pw_free(ctx, info->lang);
	memset(info, 0, sizeof(*info));
}
