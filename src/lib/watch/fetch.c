/*
 * HTTP over libcurl: one request per call, the body kept in memory with a
 * size cap, the validators (ETag, Last-Modified) read from the headers of
 * the final response only (a redirect's own headers must not be stored as
 * the feed's validators).
 */
#include "watch/watch_internal.h"
#include <curl/curl.h>
#include <strings.h>

struct sink {
	pw_context *ctx;
	pw_buf body;
	size_t max;
	int too_big;
	char *etag, *last_modified;
};

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	struct sink *k = ud;
	size_t len = size * n;

	if (k->body.len + len > k->max) {
		k->too_big = 1;
		return 0; /* makes curl abort with CURLE_WRITE_ERROR */
	}
	if (pw_buf_append(&k->body, p, len))
		return 0;
	return len;
}

/* Header value of `name` in a raw header line, trimmed, as a new string. */
static char *header_value(pw_context *ctx, const char *line, size_t len, const char *name)
{
	size_t nl = strlen(name), e;

	if (len <= nl || strncasecmp(line, name, nl) || line[nl] != ':')
		return NULL;
	line += nl + 1;
	len -= nl + 1;
	while (len && (*line == ' ' || *line == '\t'))
		line++, len--;
	e = len;
	while (e && (line[e - 1] == '\r' || line[e - 1] == '\n' || line[e - 1] == ' '))
		e--;
	return pw_strndup(ctx, line, e);
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
	struct sink *k = ud;
	size_t len = size * n;
	char *v;

	/* A new status line starts the headers of the next response in a
	 * redirect chain: forget the previous one's validators. */
	if (len >= 5 && !strncmp(p, "HTTP/", 5)) {
		pw_free(k->ctx, k->etag);
		pw_free(k->ctx, k->last_modified);
		k->etag = k->last_modified = NULL;
		return len;
	}
	if ((v = header_value(k->ctx, p, len, "ETag"))) {
		pw_free(k->ctx, k->etag);
		k->etag = v;
	} else if ((v = header_value(k->ctx, p, len, "Last-Modified"))) {
		pw_free(k->ctx, k->last_modified);
		k->last_modified = v;
	}
	return len;
}

void pw_fetch_result_free(pw_context *ctx, pw_fetch_result *r)
{
	if (!r)
		return;
	pw_free(ctx, r->body);
	pw_free(ctx, r->etag);
	pw_free(ctx, r->last_modified);
	pw_free(ctx, r->effective_url);
	memset(r, 0, sizeof(*r));
}

int pw_fetch(pw_fetch_result *out, pw_context *ctx, const pw_fetch_request *req)
{
	struct sink k;
	struct curl_slist *hdrs = NULL;
	char errbuf[CURL_ERROR_SIZE] = "", line[1200];
	CURL *c;
	CURLcode cc;
	char *eff = NULL;
	int rc = 0, redirects = req->max_redirects ? req->max_redirects : 5;

	memset(out, 0, sizeof(*out));
	if (!req->url || (strncmp(req->url, "http://", 7) && strncmp(req->url, "https://", 8)))
		return pw_error_set(ctx, PW_EINVAL, "%s: not an http(s) URL", req->url ? req->url : "(null)");
	memset(&k, 0, sizeof(k));
	k.ctx = ctx;
	k.max = req->max_bytes ? req->max_bytes : (size_t)32 << 20;
	pw_buf_init(&k.body, ctx);
	if (!(c = curl_easy_init()))
		return pw_error_set(ctx, PW_ENOMEM, "%s: curl_easy_init failed", req->url);
	curl_easy_setopt(c, CURLOPT_URL, req->url);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	/* no signals: timeouts must not interfere with the caller's handlers */
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, req->user_agent ? req->user_agent : PW_WATCH_USER_AGENT);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
			 req->connect_timeout_ms > 0 ? req->connect_timeout_ms : 10000L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, req->timeout_ms > 0 ? req->timeout_ms : 30000L);
	/* a feed URL must not lead us to file:// or other schemes */
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	if (redirects > 0) {
		curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
		curl_easy_setopt(c, CURLOPT_MAXREDIRS, (long)redirects);
	}
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* gzip/deflate as offered */
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &k);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &k);
	if (req->etag && *req->etag) {
		snprintf(line, sizeof(line), "If-None-Match: %.1100s", req->etag);
		hdrs = curl_slist_append(hdrs, line);
	}
	if (req->last_modified && *req->last_modified) {
		snprintf(line, sizeof(line), "If-Modified-Since: %.1100s", req->last_modified);
		hdrs = curl_slist_append(hdrs, line);
	}
	if (req->method && !strcmp(req->method, "POST")) {
		snprintf(line, sizeof(line), "Content-Type: %.200s",
			 req->content_type ? req->content_type : "application/json");
		hdrs = curl_slist_append(hdrs, line);
		/* no "Expect: 100-continue" round trip for small JSON bodies */
		hdrs = curl_slist_append(hdrs, "Expect:");
		curl_easy_setopt(c, CURLOPT_POST, 1L);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, req->body ? req->body : "");
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
	} else {
		hdrs = curl_slist_append(hdrs, "Accept: application/rss+xml, application/atom+xml, "
					       "application/xml;q=0.9, application/x-ndjson, */*;q=0.5");
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	cc = curl_easy_perform(c);
	if (cc != CURLE_OK) {
		if (k.too_big)
			rc = pw_error_set(ctx, PW_ELIMIT, "%s: body larger than %zu bytes", req->url, k.max);
		else if (k.body.oom)
			rc = pw_error_set(ctx, PW_ENOMEM, "%s: out of memory", req->url);
		else
			rc = pw_error_set(ctx, PW_EIO, "%s: %s", req->url,
					  *errbuf ? errbuf : curl_easy_strerror(cc));
		goto out;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
	curl_easy_getinfo(c, CURLINFO_REDIRECT_COUNT, &out->redirects);
	curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &eff);
	out->effective_url = pw_strdup(ctx, eff ? eff : req->url);
	out->body = pw_buf_detach(&k.body, &out->body_len);
	if (!out->body)
		out->body = pw_strdup(ctx, "");
	out->etag = k.etag;
	out->last_modified = k.last_modified;
	k.etag = k.last_modified = NULL;
	if (!out->body || !out->effective_url) {
		pw_fetch_result_free(ctx, out);
		rc = pw_error_set(ctx, PW_ENOMEM, "%s: out of memory", req->url);
	}
out:
	pw_buf_free(&k.body);
	pw_free(ctx, k.etag);
	pw_free(ctx, k.last_modified);
	curl_slist_free_all(hdrs);
	curl_easy_cleanup(c);
	return rc;
}
