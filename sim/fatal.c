/*
 * fatal.c - fatal errors and allocation wrappers for the simulator.
 */
#include "sim/fatal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
sim_fatal(const char *fmt, ...)
{
	va_list ap;

	fputs("issu-sim: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(70);
}

void *
sim_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		sim_fatal("out of memory (%zu bytes)", n);
	return p;
}

void *
sim_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		sim_fatal("out of memory (%zu x %zu bytes)", nmemb, size);
	return p;
}

char *
sim_xstrdup(const char *s)
{
	return sim_xstrndup(s, strlen(s));
}

char *
sim_xstrndup(const char *s, size_t n)
{
	char *p = sim_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
