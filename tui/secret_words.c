/*
 * secret_words.c - the words of the password and passphrase dialog (see
 * secret_words.h).
 */
#include "tui/secret_words.h"

#include <stdio.h>

void
secret_words_body(char *buf, size_t len, int slot, const char *address,
    bool passphrase, const char *what, int attempt)
{
	snprintf(buf, len, "%sThe SSH login to re%d (%s) needs the %s for %s."
	    "\n\nIt goes to the SSH session only: it is never shown and never "
	    "written to the transcript. %s kept in memory for this console's "
	    "reconnects to re%d (after a reboot, say) and wiped when the "
	    "console ends.", attempt > 1 ? "That was refused: try again.\n\n" :
	    "", slot, address, passphrase ? "passphrase" : "password", what,
	    passphrase ? "The passphrase is wiped once used; the key it opens "
	    "is" : "It is", slot);
}
