/*
 * buf.c - growable output buffer (see buf.h).
 */
#include "sim/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/fatal.h"

static void
sim_buf_reserve(struct sim_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > ((size_t)-1) / 2 - b->len)
		sim_fatal("output buffer would overflow");
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	p = realloc(b->data, cap);
	if (p == NULL)
		sim_fatal("out of memory (%zu bytes)", cap);
	b->data = p;
	b->cap = cap;
}

void
sim_buf_append(struct sim_buf *b, const char *s, size_t n)
{
	sim_buf_reserve(b, n);
	if (n > 0)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
sim_buf_puts(struct sim_buf *b, const char *s)
{
	sim_buf_append(b, s, strlen(s));
}

void
sim_buf_vprintf(struct sim_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		sim_fatal("bad format string \"%s\"", fmt);
	sim_buf_reserve(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
sim_buf_printf(struct sim_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sim_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
sim_buf_reset(struct sim_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
sim_buf_free(struct sim_buf *b)
{
	if (b == NULL)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

const char *
sim_buf_str(const struct sim_buf *b)
{
	return b->data != NULL ? b->data : "";
}
