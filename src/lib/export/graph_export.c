/*
 * The partnership network as a graph: GraphML (yEd, NetworkX, igraph),
 * GEXF 1.3 (Gephi) and a CSV edge list. Nodes are countries, edges
 * partnerships (an unordered pair and a domain) with their state as of the
 * query date; one pair can have several edges, one per domain, so both
 * formats declare parallel edges with distinct ids.
 */
#include "tracker/tracker_internal.h"
#include <errno.h>
#include <stdio.h>

static void xml_text(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default:
			/* XML 1.0 forbids most control characters */
			if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n' && *s != '\r')
				fputc(' ', f);
			else
				fputc(*s, f);
		}
	}
}

/* Distinct node codes, sorted. Returns count; *out is new (pw_free). */
static size_t nodes_of(pw_context *ctx, const pw_partnership_list *l, const char ***out)
{
	const char **n = pw_calloc(ctx, 2 * l->n + 1, sizeof(*n));
	size_t k = 0, i, j;

	*out = n;
	if (!n)
		return 0;
	for (i = 0; i < l->n; i++) {
		const char *ab[2] = {l->items[i].a, l->items[i].b};
		int t;
		for (t = 0; t < 2; t++) {
			for (j = 0; j < k && strcmp(n[j], ab[t]); j++)
				;
			if (j == k)
				n[k++] = ab[t];
		}
	}
	for (i = 1; i < k; i++) /* insertion sort: node lists are short */
		for (j = i; j > 0 && strcmp(n[j - 1], n[j]) > 0; j--) {
			const char *t = n[j];
			n[j] = n[j - 1];
			n[j - 1] = t;
		}
	return k;
}

static void graphml(FILE *f, const pw_partnership_list *l, const char **nodes, size_t nn)
{
	size_t i;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
	      "  <key id=\"domain\" for=\"edge\" attr.name=\"domain\" attr.type=\"string\"/>\n"
	      "  <key id=\"state\" for=\"edge\" attr.name=\"state\" attr.type=\"string\"/>\n"
	      "  <key id=\"since\" for=\"edge\" attr.name=\"since\" attr.type=\"string\"/>\n"
	      "  <key id=\"last\" for=\"edge\" attr.name=\"last\" attr.type=\"string\"/>\n"
	      "  <key id=\"events\" for=\"edge\" attr.name=\"events\" attr.type=\"int\"/>\n", f);
	fputs("  <graph id=\"partnerships\" edgedefault=\"undirected\">\n", f);
	for (i = 0; i < nn; i++) {
		fputs("    <node id=\"", f);
		xml_text(f, nodes[i]);
		fputs("\"/>\n", f);
	}
	for (i = 0; i < l->n; i++) {
		const pw_partnership *p = &l->items[i];
		fprintf(f, "    <edge id=\"e%zu\" source=\"", i);
		xml_text(f, p->a);
		fputs("\" target=\"", f);
		xml_text(f, p->b);
		fputs("\">\n      <data key=\"domain\">", f);
		xml_text(f, p->domain);
		fprintf(f, "</data>\n      <data key=\"state\">%s</data>\n"
			   "      <data key=\"since\">%s</data>\n      <data key=\"last\">%s</data>\n"
			   "      <data key=\"events\">%zu</data>\n    </edge>\n",
			p->state, p->since, p->last, p->nevents);
	}
	fputs("  </graph>\n</graphml>\n", f);
}

static void gexf(FILE *f, const pw_partnership_list *l, const char **nodes, size_t nn)
{
	size_t i;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n"
	      "  <meta><creator>pactwatch</creator><description>security partnerships", f);
	if (l->as_of[0])
		fprintf(f, " as of %s", l->as_of);
	fputs("</description></meta>\n"
	      "  <graph mode=\"static\" defaultedgetype=\"undirected\">\n"
	      "    <attributes class=\"edge\">\n"
	      "      <attribute id=\"0\" title=\"domain\" type=\"string\"/>\n"
	      "      <attribute id=\"1\" title=\"state\" type=\"string\"/>\n"
	      "      <attribute id=\"2\" title=\"since\" type=\"string\"/>\n"
	      "      <attribute id=\"3\" title=\"last\" type=\"string\"/>\n"
	      "      <attribute id=\"4\" title=\"events\" type=\"integer\"/>\n"
	      "    </attributes>\n    <nodes>\n", f);
	for (i = 0; i < nn; i++) {
		fputs("      <node id=\"", f);
		xml_text(f, nodes[i]);
		fputs("\" label=\"", f);
		xml_text(f, nodes[i]);
		fputs("\"/>\n", f);
	}
	fputs("    </nodes>\n    <edges>\n", f);
	for (i = 0; i < l->n; i++) {
		const pw_partnership *p = &l->items[i];
		fprintf(f, "      <edge id=\"e%zu\" source=\"", i);
		xml_text(f, p->a);
		fputs("\" target=\"", f);
		xml_text(f, p->b);
		fprintf(f, "\" weight=\"%zu\" label=\"", p->nevents);
		xml_text(f, p->domain);
		fputs("\">\n        <attvalues>\n          <attvalue for=\"0\" value=\"", f);
		xml_text(f, p->domain);
		fprintf(f, "\"/>\n          <attvalue for=\"1\" value=\"%s\"/>\n"
			   "          <attvalue for=\"2\" value=\"%s\"/>\n"
			   "          <attvalue for=\"3\" value=\"%s\"/>\n"
			   "          <attvalue for=\"4\" value=\"%zu\"/>\n"
			   "        </attvalues>\n      </edge>\n",
			p->state, p->since, p->last, p->nevents);
	}
	fputs("    </edges>\n  </graph>\n</gexf>\n", f);
}

static void edges_csv(FILE *f, const pw_partnership_list *l)
{
	size_t i;

	fputs("source,target,domain,state,since,last,events\n", f);
	for (i = 0; i < l->n; i++) {
		const pw_partnership *p = &l->items[i];
		fprintf(f, "%s,%s,%s,%s,%s,%s,%zu\n", p->a, p->b, p->domain, p->state, p->since,
			p->last, p->nevents);
	}
}

int pw_export_network_list(FILE *f, pw_context *ctx, const pw_partnership_list *l,
			   pw_graph_format fmt)
{
	const char **nodes = NULL;
	size_t nn = nodes_of(ctx, l, &nodes);

	if (!nodes)
		return pw_error_set(ctx, PW_ENOMEM, "out of memory");
	if (fmt == PW_GRAPH_GRAPHML)
		graphml(f, l, nodes, nn);
	else if (fmt == PW_GRAPH_GEXF)
		gexf(f, l, nodes, nn);
	else
		edges_csv(f, l);
	pw_free(ctx, nodes);
	if (ferror(f) || fflush(f))
		return pw_error_set(ctx, PW_EIO, "export: write failed: %s", strerror(errno));
	return 0;
}

int pw_export_network(FILE *f, pw_store *s, const pw_query *q, pw_graph_format fmt)
{
	pw_partnership_list *l;
	int rc = pw_tracker_network(&l, s, q);

	if (rc)
		return rc;
	rc = pw_export_network_list(f, pw_store_context(s), l, fmt);
	pw_partnership_list_free(l);
	return rc;
}
