/*
 * fatal.h - the simulator's one exit for broken invariants and allocation
 * failure: print "issu-sim: fatal: ..." and exit 70 (EX_SOFTWARE).
 */
#ifndef SIM_FATAL_H
#define SIM_FATAL_H

#include <stddef.h>

_Noreturn void sim_fatal(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

void *sim_xmalloc(size_t n);
void *sim_xcalloc(size_t nmemb, size_t size);
char *sim_xstrdup(const char *s);
char *sim_xstrndup(const char *s, size_t n);

#endif
