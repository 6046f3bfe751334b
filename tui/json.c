/*
 * json.c - JSON string and number output (see json.h).
 */
#include "tui/json.h"

#include <errno.h>
#include <string.h>

void
json_string(FILE *f, const char *s, bool null_if_empty)
{
	const unsigned char *p;

	if (s == NULL || (null_if_empty && *s == '\0')) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

void
json_count(FILE *f, long long v)
{
	if (v < 0)
		fputs("null", f);
	else
		fprintf(f, "%lld", v);
}

int
json_finish(FILE *f, const char *who)
{
	if (fflush(f) == 0 && !ferror(f))
		return 0;
	fprintf(stderr, "%s: cannot write the output: %s\n", who,
	    errno != 0 ? strerror(errno) : "write error");
	return -1;
}
