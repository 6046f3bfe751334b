/*
 * transcript.h - the record of everything sent to and received from the
 * routing engines of one router, written as it happens: what an operator
 * (or an auditor) reads after an upgrade to know what was typed, what the
 * router answered and what the console did, in order, with the time.
 *
 * One file per run, LOG_DIR/ROUTER-YYYYmmdd-HHMMSS.log, mode 0600, never
 * overwritten.  One line per line of text:
 *
 *   2026-11-25T17:20:01.123+0000 re0 > request system reboot
 *   2026-11-25T17:20:01.180+0000 re0 < Reboot the system ? [yes,no] (no)
 *   2026-11-25T17:20:09.311+0000 re0 - disconnected: closed by peer
 *   2026-11-25T17:20:09.311+0000 --- step 4 upgrade started
 *
 * ">" sent, "<" received, "-" a note about that RE, "---" a note about the
 * run.  The time is local, with its offset.  Each line is written whole
 * with one write(2) on an O_APPEND descriptor, nothing buffered, so a crash
 * loses nothing already seen.  Control characters other than tab (a NUL
 * byte too, and C1 controls, and bytes that are not UTF-8) are written as
 * \xNN, so that `cat` of a transcript cannot drive the terminal.
 *
 * Passwords never reach it: the caller never passes a secret, and this
 * module has no way to tell one.
 *
 * Threads: one thread writes a transcript (the owner of the sessions).
 */
#ifndef SESSIONS_TRANSCRIPT_H
#define SESSIONS_TRANSCRIPT_H

#include <stddef.h>
#include <time.h>

struct transcript;

/*
 * Creates log_dir (and its parents, 0700; existing ones are left as they
 * are) and LOG_DIR/ROUTER-YYYYmmdd-HHMMSS.log for the local time of `now`,
 * with -2, -3, ... before ".log" when that name is taken.  A '/' in router
 * becomes '_'.  Writes the file's path into path (may be NULL).  Returns
 * the transcript (free with transcript_close), or NULL with the reason in
 * err, e.g. "cannot create ~/logs/mx480-lab-20261125-172001.log: Permission
 * denied" ($HOME shown as ~).
 */
struct transcript *transcript_open(const char *log_dir, const char *router,
    time_t now, char *path, size_t pathlen, char *err, size_t errlen);

/* A command, or an answer typed to a question, sent to RE `slot`; one line
 * per line of text (a final "\n" makes no empty line). */
void transcript_sent(struct transcript *t, int slot, const char *text);

/* Output received from RE `slot`: text[0..len), bytes as the router sent
 * them, one or more lines or an unfinished one (a prompt), kept as it is,
 * trailing spaces included.  "\r\n" ends a line like "\n"; a NUL byte is
 * written \x00 like any other control byte, and the rest of the line
 * follows it. */
void transcript_received(struct transcript *t, int slot, const char *text,
    size_t len);

/* What the console did or saw (connected, disconnected and why, a step
 * started, the operator confirmed); slot -1: about the run, not an RE. */
void transcript_note(struct transcript *t, int slot, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * The transcript's neutraliser, for text bound for a terminal (plain mode's
 * output): s[0..n) as the transcript writes it, each control byte other
 * than tab and newline (C0, DEL, C1 controls, a NUL, bytes that are not
 * UTF-8) written \xNN, so that no escape sequence (a clipboard write, a
 * title, a clear-screen) reaches the terminal.  Returns a malloc'd string
 * (caller frees), NULL when out of memory.
 */
char *transcript_neutral(const char *s, size_t n);

/*
 * Router output as text for the parsers and the screen: bytes[0..n) with
 * each NUL byte written \x00, as the transcript writes it, and nothing
 * else changed.  A NUL so stays visible (a line holding one is a line no
 * parser knows: not understood, never cut short into one it knows) and
 * never ends the text.  Returns a malloc'd string (caller frees), NULL when
 * out of memory.
 */
char *transcript_text(const char *bytes, size_t n);

/* NULL while every write has succeeded; else the first failure, e.g.
 * "writing ~/logs/x.log: No space left on device" (owned by t). */
const char *transcript_error(const struct transcript *t);

/* Closes the file and frees t.  Accepts NULL. */
void transcript_close(struct transcript *t);

#endif
