/* The error slot of a context: last code and message. */
#include "internal.h"
#include <stdio.h>

int pw_error_set(pw_context *ctx, int code, const char *fmt, ...)
{
	va_list ap;

	if (!ctx)
		return code;
	ctx->err_code = code;
	va_start(ap, fmt);
	vsnprintf(ctx->err_msg, sizeof(ctx->err_msg), fmt, ap);
	va_end(ap);
	return code;
}

void pw_error_clear(pw_context *ctx)
{
	ctx->err_code = 0;
	ctx->err_msg[0] = '\0';
}

const char *pw_error_last(const pw_context *ctx)
{
	return ctx ? ctx->err_msg : "no context";
}

int pw_error_code(const pw_context *ctx)
{
	return ctx ? ctx->err_code : PW_EINVAL;
}

const char *pw_error_name(int code)
{
	switch (code) {
	case PW_OK: return "PW_OK";
	case PW_ENOMEM: return "PW_ENOMEM";
	case PW_EIO: return "PW_EIO";
	case PW_EINVAL: return "PW_EINVAL";
	case PW_EPARSE: return "PW_EPARSE";
	case PW_EDICT: return "PW_EDICT";
	case PW_ESTORE: return "PW_ESTORE";
	case PW_ENOTFOUND: return "PW_ENOTFOUND";
	case PW_EDUP: return "PW_EDUP";
	case PW_EUNSUPPORTED: return "PW_EUNSUPPORTED";
	case PW_ELIMIT: return "PW_ELIMIT";
	case PW_EINTERNAL: return "PW_EINTERNAL";
	default: return "PW_E?";
	}
}
