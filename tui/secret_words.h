/*
 * secret_words.h - what the console says when it asks for a password or a
 * key's passphrase: where the secret goes and how long it is kept.
 *
 * The words must match what sessions/ does with it (re_session_answer): a
 * password that logs in is kept in memory for that RE's reconnects (a
 * rebooted RE is not asked again) and wiped when the sessions are freed at
 * the console's end; a passphrase is wiped once used, and the key it opened
 * is what is kept.  Pure text, so that a test can hold the words to that.
 */
#ifndef TUI_SECRET_WORDS_H
#define TUI_SECRET_WORDS_H

#include <stdbool.h>
#include <stddef.h>

/* The dialog's body for the secret `what` (user@host, or a key file) that
 * the login to re<slot> at address needs; attempt > 1 says the last one
 * was refused.  Written to buf (always terminated). */
void secret_words_body(char *buf, size_t len, int slot, const char *address,
    bool passphrase, const char *what, int attempt);

#endif
