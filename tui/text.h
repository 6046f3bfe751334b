/*
 * text.h - measuring and cutting text for a character-cell screen: UTF-8
 * decoding, display widths, fitting a string into N columns, word-wrapping
 * a paragraph into rows, and making a router's bytes safe to draw.
 *
 * Pure (no curses, no allocation): the output panes, the dialogs and the
 * status lines all cut text with these, so a line never spills into the
 * next pane and a multi-byte character is never split.  `utf8` says whether
 * the terminal shows UTF-8 (the locale's codeset): when it does not, every
 * non-ASCII character is drawn as one '?' and measured as one column.
 * Widths come from wcwidth(), which follows LC_CTYPE: call setlocale first.
 */
#ifndef TUI_TEXT_H
#define TUI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* One code point of valid UTF-8 at s (len > 0): its length in bytes and
 * *cp.  An invalid or truncated sequence is one byte long with *cp set to
 * '?', so a caller always moves forward. */
size_t text_next(const char *s, size_t len, unsigned *cp);

/* Columns a code point takes: 0 for combining marks, 2 for wide ones, and
 * 1 for anything the locale cannot show (drawn as '?'). */
int text_cp_width(unsigned cp, bool utf8);

/* True when cp can be drawn as itself (else it is drawn as '?'). */
bool text_cp_printable(unsigned cp, bool utf8);

/* Display width of s[0..len). */
int text_width(const char *s, size_t len, bool utf8);

/* The longest prefix of s[0..len) that fits in `width` columns, in bytes,
 * on a code-point boundary; its width in *used when not NULL. */
size_t text_fit(const char *s, size_t len, int width, bool utf8, int *used);

/*
 * Word wrap: the first row of s[0..len) in `width` columns.  Returns the
 * bytes of the row (a newline ends it; otherwise it breaks after the last
 * space that fits, or inside a word longer than the row) and sets *next to
 * where the next row starts (spaces at a break are skipped).  *next == len
 * when s is used up.
 */
size_t text_wrap_row(const char *s, size_t len, int width, bool utf8,
    size_t *next);

/* Rows s takes when word-wrapped in `width` columns (at least 1). */
int text_wrap_rows(const char *s, size_t len, int width, bool utf8);

/*
 * A router's bytes made drawable: valid UTF-8 without control characters.
 * Tabs become spaces to the next multiple of 8 (counted from `col0`), CR
 * and NUL are dropped, other controls, DEL, C1 controls and invalid bytes
 * become '?'.  Writes at most outlen - 1 bytes and a NUL; returns the bytes
 * written and sets *cut when the input did not fit (cut on a code-point
 * boundary).
 */
size_t text_sanitize(const char *in, size_t len, int col0, char *out,
    size_t outlen, bool *cut);

#endif
