/*
 * buf.h - a growable byte buffer for the simulator's command output.
 *
 * Every command writes its whole answer into one of these before the session
 * sends it, so that output leaves in a few large SSH packets (one write per
 * line costs 50x more, see shared/notes/libssh.md D).  Allocation failure is
 * fatal: a simulator that cannot allocate cannot pretend to be a router.
 */
#ifndef SIM_BUF_H
#define SIM_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct sim_buf {
	char *data;	/* NUL-terminated when len > 0 or after any append */
	size_t len;	/* bytes used, not counting the NUL */
	size_t cap;	/* bytes allocated */
};

#define SIM_BUF_INIT { NULL, 0, 0 }

void sim_buf_append(struct sim_buf *b, const char *s, size_t n);
void sim_buf_puts(struct sim_buf *b, const char *s);
void sim_buf_printf(struct sim_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sim_buf_vprintf(struct sim_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Empties the buffer and keeps its allocation. */
void sim_buf_reset(struct sim_buf *b);
/* Frees the data; the buffer may be reused afterwards. Accepts NULL. */
void sim_buf_free(struct sim_buf *b);
/* Returns the text, "" for an empty buffer; valid until the next change. */
const char *sim_buf_str(const struct sim_buf *b);

#endif
