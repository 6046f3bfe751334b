/*
 * event_log.c - JSON Lines record of what the simulated chassis did (see
 * event_log.h).  One mutex keeps records whole when sessions of both REs
 * write at once; every record is flushed so a test reading the file sees it.
 */
#include "sim/event_log.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/buf.h"
#include "sim/fatal.h"

struct sim_event_log {
	pthread_mutex_t mu;
	FILE *f;
	bool is_stdout;		/* not closed on close */
};

struct sim_event_log *
sim_event_log_open(const char *path, char *err, size_t errlen)
{
	struct sim_event_log *log;
	FILE *f;

	if (strcmp(path, "-") == 0)
		f = stdout;
	else if ((f = fopen(path, "a")) == NULL) {
		snprintf(err, errlen, "--event-log: %s: %s", path, strerror(errno));
		return NULL;
	}
	log = sim_xcalloc(1, sizeof *log);
	pthread_mutex_init(&log->mu, NULL);
	log->f = f;
	log->is_stdout = f == stdout;
	return log;
}

void
sim_event_log_close(struct sim_event_log *log)
{
	if (log == NULL)
		return;
	if (!log->is_stdout)
		fclose(log->f);
	pthread_mutex_destroy(&log->mu);
	free(log);
}

void
sim_json_string(struct sim_buf *out, const char *s)
{
	const unsigned char *p;

	sim_buf_append(out, "\"", 1);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			sim_buf_puts(out, "\\\"");
			break;
		case '\\':
			sim_buf_puts(out, "\\\\");
			break;
		case '\n':
			sim_buf_puts(out, "\\n");
			break;
		case '\r':
			sim_buf_puts(out, "\\r");
			break;
		case '\t':
			sim_buf_puts(out, "\\t");
			break;
		default:
			/* Control bytes and bytes that are not UTF-8 would make
			 * the line invalid JSON: escape them as \u00XX. */
			if (*p < 0x20 || *p >= 0x80)
				sim_buf_printf(out, "\\u%04x", *p);
			else
				sim_buf_append(out, (const char *)p, 1);
		}
	}
	sim_buf_append(out, "\"", 1);
}

void
sim_event_log_write(struct sim_event_log *log, int slot, const char *event,
    ...)
{
	struct sim_buf b = SIM_BUF_INIT;
	struct timespec ts;
	struct tm tm;
	const char *key;
	va_list ap;

	if (log == NULL)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	sim_buf_printf(&b,
	    "{\"time\":\"%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ\",\"re\":",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec, ts.tv_nsec / 1000000);
	if (slot >= 0)
		sim_buf_printf(&b, "\"re%d\"", slot);
	else
		sim_buf_puts(&b, "null");
	sim_buf_puts(&b, ",\"event\":");
	sim_json_string(&b, event);

	va_start(ap, event);
	while ((key = va_arg(ap, const char *)) != NULL) {
		enum sim_ev_kind kind = va_arg(ap, enum sim_ev_kind);
		const char *s;

		sim_buf_puts(&b, ",");
		sim_json_string(&b, key);
		sim_buf_puts(&b, ":");
		switch (kind) {
		case SIM_EV_STR:
			s = va_arg(ap, const char *);
			if (s == NULL)
				sim_buf_puts(&b, "null");
			else
				sim_json_string(&b, s);
			break;
		case SIM_EV_INT:
			sim_buf_printf(&b, "%lld", va_arg(ap, long long));
			break;
		case SIM_EV_BOOL:
			sim_buf_puts(&b, va_arg(ap, int) ? "true" : "false");
			break;
		case SIM_EV_RAW:
			sim_buf_puts(&b, va_arg(ap, const char *));
			break;
		}
	}
	va_end(ap);
	sim_buf_puts(&b, "}\n");

	pthread_mutex_lock(&log->mu);
	fwrite(b.data, 1, b.len, log->f);
	fflush(log->f);
	pthread_mutex_unlock(&log->mu);
	sim_buf_free(&b);
}
